package org.deepjunit.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.dl4j.Dl4jTestNets;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** The DL4J tests' small CNN in a ModelSerializer zip; besides byte damage, edits inside a zip that stays valid. */
public final class Dl4jZipFuzzFormat implements FuzzFormat {

    private static final List<String> DIMENSIONS =
            List.of("kernelSize", "stride", "padding", "dilation", "nin", "nout");

    @Override
    public String name() {
        return "dl4j-zip";
    }

    @Override
    public List<Path> writeOriginal(Path dir) throws IOException {
        MultiLayerNetwork net = Dl4jTestNets.cnn(5, InputType.convolutional(10, 10, 2));
        Path zip = dir.resolve("cnn.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        return List.of(zip);
    }

    @Override
    public Model load(List<Path> files, String sha256) {
        Dl4jModel.Builder builder = Dl4jModel.builder(files.get(0)).inputShape(10, 10, 2);
        return (sha256 == null ? builder : builder.sha256(sha256)).build();
    }

    @Override
    public List<Mutation> mutations() {
        List<Mutation> all = new ArrayList<>();
        all.add((files, r) -> editEntries(
                files.get(0), Mutations.ABSURD_DIMENSION, "absurd dimension in configuration.json", entries -> {
                    String config = new String(entries.get("configuration.json"), StandardCharsets.UTF_8);
                    entries.put(
                            "configuration.json",
                            Mutations.absurd(config, DIMENSIONS, r).getBytes(StandardCharsets.UTF_8));
                }));
        all.add((files, r) -> editEntries(files.get(0), "bit flips", "bit flips in coefficients.bin", entries -> {
            byte[] coefficients = entries.get("coefficients.bin");
            Mutations.flip(coefficients, r, 1 + r.nextInt(4));
        }));
        all.add((files, r) -> editEntries(
                files.get(0),
                "missing file",
                "coefficients.bin removed",
                entries -> entries.remove("coefficients.bin")));
        all.add((files, r) -> editEntries(
                files.get(0),
                "missing file",
                "configuration.json removed",
                entries -> entries.remove("configuration.json")));
        all.add((files, r) -> editEntries(files.get(0), "foreign file", "serialized object added", entries -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new HashMap<>(Map.of("k", r.nextInt())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            entries.put("preprocessor.bin", bytes.toByteArray());
        }));
        return all;
    }

    private interface EntryEdit {
        void apply(Map<String, byte[]> entries);
    }

    /** Rewrites the zip with its entries edited: a valid zip whose content changed. */
    private static Mutation.Done editEntries(Path zip, String category, String what, EntryEdit edit)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(in.entries())) {
                entries.put(e.getName(), in.getInputStream(e).readAllBytes());
            }
        }
        edit.apply(entries);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return new Mutation.Done(category, what + " of " + Mutations.name(zip), List.of(Mutations.name(zip)));
    }
}
