package org.deepjunit.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Json;
import org.deepjunit.data.Npy;
import org.deepjunit.data.SafeFileNames;
import org.deepjunit.model.Tensor;

/**
 * A folder of stage outputs: {@code inputs.npy}, one {@code NN-<stage>.npy} per step and {@code stages.json}, the
 * index with each file's SHA-256, so that a hand-edited or corrupt file is an error naming it.
 */
final class StageFiles {

    static final String INDEX = "stages.json";
    static final String INPUTS = "inputs.npy";

    /** One step's file. */
    record Entry(String stage, String file, int[] shape, String sha256) {}

    /** The index: which pipeline, the inputs' SHA-256, the steps in order. */
    record Index(String pipeline, String inputs, List<Entry> stages) {}

    private StageFiles() {}

    /** Writes a trace into {@code dir}, replacing what it held; the index last, so a half-written folder has none. */
    static void write(Path dir, String pipeline, Tensor inputs, List<StageOutput> trace) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write stage outputs into " + dir + ": " + e, e);
        }
        byte[] in = Npy.toBytes(inputs);
        AtomicFiles.write(dir.resolve(INPUTS), in);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            StageOutput step = trace.get(i);
            String file = String.format(Locale.ROOT, "%02d-%s.npy", i + 1, SafeFileNames.of(step.stage()));
            byte[] bytes = Npy.toBytes(step.output());
            AtomicFiles.write(dir.resolve(file), bytes);
            entries.add(new Entry(step.stage(), file, step.output().shape().dims(), sha256(bytes)));
        }
        AtomicFiles.write(dir.resolve(INDEX), Json.write(new Index(pipeline, sha256(in), entries)));
    }

    /** The index of {@code dir}, or null when it has none; every file checked against its SHA-256. */
    static Index read(Path dir) {
        Index index;
        try {
            index = Json.read(Files.readAllBytes(dir.resolve(INDEX)), Index.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read " + dir.resolve(INDEX) + ": " + e.getMessage()
                            + ". Delete the folder and approve the received stage outputs again",
                    e);
        }
        check(dir.resolve(INPUTS), index.inputs());
        for (Entry e : index.stages()) {
            check(dir.resolve(e.file()), e.sha256());
        }
        return index;
    }

    static Tensor tensor(Path file) {
        return Npy.readTensor(file.toString());
    }

    static String sha256(byte[] bytes) {
        return org.deepjunit.model.Sha256.hex(bytes);
    }

    private static void check(Path file, String sha256) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Stage outputs: cannot read " + file + " (" + e + "), which "
                            + file.resolveSibling(INDEX).getFileName() + " lists. Approve the stage outputs again",
                    e);
        }
        if (!sha256(bytes).equals(sha256)) {
            throw new IllegalStateException("Stage outputs: " + file + " has SHA-256 " + sha256(bytes) + ", but "
                    + file.resolveSibling(INDEX) + " records " + sha256
                    + ": it was edited or is corrupt. Restore it, or approve the stage outputs again");
        }
    }
}
