package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Reads DL4J ModelSerializer zips, turning every failure into a {@link ModelLoadException}. */
final class Dl4jLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dl4jLoader() {}

    /** The model in a ModelSerializer zip. */
    static Dl4jModel loadZip(Path zip, LoadOptions options) {
        requireReadable(zip, "a DL4J ModelSerializer zip");
        ModelFiles files = options.files(zip);
        Object network = readZip(zip, options.allowJavaDeserialization());
        Dl4jNet net = network instanceof MultiLayerNetwork m ? Dl4jNet.of(m) : Dl4jNet.of((ComputationGraph) network);
        String name = options.name() != null ? options.name() : baseName(zip);
        return Dl4jModel.create(net, name, options.inputShape(), true, files);
    }

    /** A MultiLayerNetwork or a ComputationGraph. */
    private static Object readZip(Path zip, boolean allowJavaDeserialization) {
        String config;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry conf = file.getEntry("configuration.json");
            if (conf == null) {
                throw new ModelLoadException(
                        zip + " is not a DL4J ModelSerializer zip: missing configuration.json (it holds "
                                + entries(file) + ")");
            }
            if (file.getEntry("coefficients.bin") == null) {
                throw new ModelLoadException(
                        zip + " is not a complete DL4J ModelSerializer zip: missing coefficients.bin (it holds "
                                + entries(file) + ")");
            }
            try (InputStream in = file.getInputStream(conf)) {
                config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (ModelLoadException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) { // an entry name that does not decode
            throw new ModelLoadException(
                    zip + " is not a DL4J ModelSerializer zip: not a readable zip archive, truncated or corrupt ("
                            + e.getMessage() + ")",
                    e);
        }
        if (!allowJavaDeserialization) {
            ZipTrust.refuseJavaObjects(zip);
        }
        boolean graph;
        try {
            JsonNode root = JSON.readTree(config);
            graph = root.has("vertices") || root.has("networkInputs");
            if (!graph && !root.has("confs")) {
                throw new ModelLoadException(
                        zip + ": configuration.json is neither a MultiLayerNetwork (\"confs\") nor a"
                                + " ComputationGraph (\"vertices\") configuration");
            }
            ConfigBounds.checkDl4j(root, zip);
        } catch (IOException e) {
            throw new ModelLoadException(zip + ": configuration.json is not valid JSON (" + e.getMessage() + ")", e);
        }
        String what = graph ? "ComputationGraph" : "MultiLayerNetwork";
        Object network;
        try {
            network = graph
                    ? ModelSerializer.restoreComputationGraph(zip.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException | OutOfMemoryError | ExceptionInInitializerError e) {
            throw new ModelLoadException(
                    zip + ": cannot restore the DL4J " + what + " (corrupt configuration.json or coefficients.bin?): "
                            + e,
                    e);
        }
        FiniteWeights.require(
                network instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) network).getLayers(), zip);
        return network;
    }

    static void requireReadable(Path path, String expected) {
        if (path == null) {
            throw new ModelLoadException("No file given; expected " + expected);
        }
        if (!Files.exists(path)) {
            throw new ModelLoadException("Model file " + path + " does not exist; expected " + expected);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ModelLoadException("Model file " + path + " is not a readable file; expected " + expected);
        }
    }

    private static List<String> entries(ZipFile file) {
        List<String> names = new ArrayList<>();
        file.stream().limit(10).forEach(e -> names.add(e.getName()));
        return names;
    }

    /** A model's default name: its file name without the extension ("lenet5" for lenet5.json). */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
