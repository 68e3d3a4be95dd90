package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Reads DL4J zips and Keras files, turning every failure into a {@link ModelLoadException}. */
final class Dl4jLoader {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dl4jLoader() {}

    /** The model in a ModelSerializer zip; null name/shape for the defaults (file name, shape from the configuration). */
    static Dl4jModel loadZip(Path zip, String givenName, Shape givenShape) {
        Object network = readZip(zip);
        Dl4jNet net = network instanceof MultiLayerNetwork m ? Dl4jNet.of(m) : Dl4jNet.of((ComputationGraph) network);
        return Dl4jModel.create(net, givenName != null ? givenName : baseName(zip), givenShape, true);
    }

    /** A MultiLayerNetwork or a ComputationGraph. */
    private static Object readZip(Path zip) {
        requireReadable(zip, "a DL4J ModelSerializer zip");
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
        } catch (IOException e) {
            throw new ModelLoadException(
                    zip + " is not a DL4J ModelSerializer zip: not a readable zip archive, truncated or corrupt ("
                            + e.getMessage() + ")",
                    e);
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
        } catch (IOException e) {
            throw new ModelLoadException(zip + ": configuration.json is not valid JSON (" + e.getMessage() + ")", e);
        }
        String what = graph ? "ComputationGraph" : "MultiLayerNetwork";
        try {
            return graph
                    ? ModelSerializer.restoreComputationGraph(zip.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException | OutOfMemoryError | ExceptionInInitializerError e) {
            throw new ModelLoadException(
                    zip + ": cannot restore the DL4J " + what + " (corrupt configuration.json or coefficients.bin?): "
                            + e,
                    e);
        }
    }

    /** A whole-model HDF5 ({@code json == null}) or an architecture plus weights; null name/shape for the defaults. */
    static Dl4jModel importKeras(Path json, Path h5, String givenName, Shape givenShape) {
        String what = json == null
                ? "a Keras HDF5 model file (model.save)"
                : "a Keras HDF5 weights file (model.save_weights)";
        requireReadable(h5, what);
        requireHdf5(h5, what);
        Hdf5Diagnostics.silence();
        String modelJson;
        if (json != null) {
            requireReadable(json, "a Keras architecture JSON file (model.to_json())");
            try {
                modelJson = Files.readString(json, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new ModelLoadException(
                        "Cannot read " + json + " as UTF-8 text (expected a Keras architecture JSON file): " + e, e);
            }
        } else {
            try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                if (!archive.hasAttribute("model_config")) {
                    throw new ModelLoadException(
                            h5 + " holds no model_config attribute: it is not a whole Keras model saved with"
                                    + " model.save(); for a weights-only file use Dl4jModel.importKeras(architectureJson, weightsH5)");
                }
                modelJson = archive.readAttributeAsJson("model_config");
            } catch (ModelLoadException e) {
                throw e;
            } catch (Exception | UnsatisfiedLinkError e) {
                throw new ModelLoadException("Cannot read " + h5 + " as " + what + ": " + e, e);
            }
        }
        Path source = json != null ? json : h5;
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (IOException e) {
            throw new ModelLoadException(
                    source + " is not valid JSON (expected a Keras model architecture): " + e.getMessage(), e);
        }
        if (root == null || !root.has("class_name") || !root.has("config")) {
            throw new ModelLoadException(source + " is not a Keras model architecture: expected a JSON object with"
                    + " \"class_name\" and \"config\"");
        }
        boolean sequential = "Sequential".equals(root.get("class_name").asText());
        Shape inputShape = givenShape != null ? givenShape : batchInputShape(root);
        String name = givenName != null ? givenName : baseName(json != null ? json : h5);
        try {
            KerasModelBuilder builder = new KerasModel().modelBuilder().enforceTrainingConfig(false);
            if (json != null) {
                builder.modelJson(modelJson).weightsHdf5FilenameNoRoot(h5.toString());
            } else {
                builder.modelHdf5Filename(h5.toString());
            }
            Dl4jNet net;
            if (sequential) {
                MultiLayerNetwork mln = builder.buildSequential().getMultiLayerNetwork();
                net = Dl4jNet.of(mln);
            } else {
                ComputationGraph cg = builder.buildModel().getComputationGraph();
                net = Dl4jNet.of(cg);
            }
            return Dl4jModel.create(net, name, inputShape, true);
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError | OutOfMemoryError e) {
            throw new ModelLoadException(
                    "Cannot import Keras model " + (json != null ? json + " with weights " + h5 : h5)
                            + " (expected "
                            + (json != null
                                    ? "a Keras architecture JSON and its weights HDF5, layer names matching"
                                    : "a whole Keras model HDF5")
                            + "): " + e,
                    e);
        }
    }

    /** The per-sample input shape from the first {@code batch_input_shape} of the architecture, or null. */
    private static Shape batchInputShape(JsonNode root) {
        JsonNode config = root.get("config");
        JsonNode layers = config.isArray() ? config : config.get("layers");
        if (layers == null || !layers.isArray()) {
            return null;
        }
        for (JsonNode layer : layers) {
            JsonNode shape = layer.path("config").get("batch_input_shape");
            if (shape != null && shape.isArray() && shape.size() > 1) {
                List<Integer> dims = new ArrayList<>();
                Iterator<JsonNode> it = shape.elements();
                it.next();
                while (it.hasNext()) {
                    JsonNode d = it.next();
                    dims.add(d.isNull() ? Shape.UNKNOWN : d.asInt());
                }
                return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return null;
    }

    private static void requireReadable(Path path, String expected) {
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

    private static void requireHdf5(Path path, String expected) {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(path)) {
            int read = in.readNBytes(head, 0, 8);
            if (read < 8 || !Arrays.equals(head, HDF5_SIGNATURE)) {
                throw new ModelLoadException(
                        path + " is not an HDF5 file (no HDF5 signature at its start); expected " + expected);
            }
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + path + "; expected " + expected + ": " + e.getMessage(), e);
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
