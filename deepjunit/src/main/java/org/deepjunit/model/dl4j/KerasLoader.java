package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Imports Keras HDF5 files through DL4J's importer, having first checked what DL4J trusts: the format (Keras 3,
 * dict inputs), every dimension field, and the stored weights' shapes; every failure is a
 * {@link ModelLoadException} naming the file.
 */
final class KerasLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasLoader() {}

    /** A whole-model HDF5 ({@code json == null}) or an architecture plus weights. */
    static Dl4jModel importKeras(Path json, Path h5, LoadOptions options) {
        String what = json == null
                ? "a Keras HDF5 model file (model.save)"
                : "a Keras HDF5 weights file (model.save_weights)";
        Dl4jLoader.requireReadable(h5, what);
        if (json != null) {
            Dl4jLoader.requireReadable(json, "a Keras architecture JSON file (model.to_json())");
        }
        ModelFiles files = json != null ? options.files(json, h5) : options.files(h5);
        KerasFormats.requireHdf5(h5, what);
        Path source = json != null ? json : h5;
        String[] text = {null, null}; // the architecture JSON, keras_version
        if (json != null) {
            text[0] = readJson(json);
        } else {
            readModelConfig(h5, what, text);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text[0]);
        } catch (IOException e) {
            throw new ModelLoadException(
                    source + " is not valid JSON (expected a Keras model architecture): " + e.getMessage(), e);
        }
        if (root == null || !root.has("class_name") || !root.has("config")) {
            throw new ModelLoadException(source + " is not a Keras model architecture: expected a JSON object with"
                    + " \"class_name\" and \"config\"");
        }
        KerasFormats.requireImportable(root, text[1], source);
        ConfigBounds.checkKeras(root, source);
        boolean sequential = "Sequential".equals(root.get("class_name").asText());
        Shape inputShape = options.inputShape() != null ? options.inputShape() : batchInputShape(root);
        String name = options.name() != null ? options.name() : Dl4jLoader.baseName(source);
        try {
            String named = json != null ? json + " with weights " + h5 : h5.toString();
            Dl4jNet net = Hdf5Access.locked(() -> {
                KerasWeightShapes.check(layers(root), h5, json == null ? "model_weights" : "/", source);
                KerasModelBuilder builder = new KerasModel().modelBuilder().enforceTrainingConfig(false);
                if (json != null) {
                    builder.modelJson(text[0]).weightsHdf5FilenameNoRoot(h5.toString());
                } else {
                    builder.modelHdf5Filename(h5.toString());
                }
                return sequential
                        ? Dl4jNet.of(KerasNets.sequential(builder.buildSequential(), named))
                        : Dl4jNet.of(KerasNets.functional(builder.buildModel(), named));
            });
            return Dl4jModel.create(net, name, inputShape, true, files);
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError | OutOfMemoryError | StackOverflowError e) {
            String explained = KerasFormats.explain(e, json, h5);
            throw new ModelLoadException(
                    explained != null
                            ? explained
                            : "Cannot import Keras model " + (json != null ? json + " with weights " + h5 : h5)
                                    + " (expected "
                                    + (json != null
                                            ? "a Keras architecture JSON and its weights HDF5, layer names matching"
                                            : "a whole Keras model HDF5")
                                    + "): " + e,
                    e);
        }
    }

    private static String readJson(Path json) {
        try {
            return Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "Cannot read " + json + " as UTF-8 text (expected a Keras architecture JSON file): " + e, e);
        }
    }

    /** The model_config attribute into {@code text[0]}, keras_version (or null) into {@code text[1]}. */
    private static void readModelConfig(Path h5, String what, String[] text) {
        try {
            Hdf5Access.locked(() -> {
                try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                    text[1] = kerasVersion(archive);
                    if (!archive.hasAttribute("model_config")) {
                        if (text[1] != null && text[1].startsWith("3")) {
                            throw new ModelLoadException(h5 + " was written by Keras 3 (keras_version " + text[1]
                                    + "), whose format DL4J's Keras importer cannot read. " + KerasFormats.WAY_OUT);
                        }
                        throw new ModelLoadException(h5 + " holds no model_config attribute: it is not a whole"
                                + " Keras model saved with model.save(); for a weights-only file use"
                                + " Dl4jModel.importKeras(architectureJson, weightsH5)");
                    }
                    text[0] = archive.readAttributeAsJson("model_config");
                    return null;
                }
            });
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            String explained = KerasFormats.explain(e, null, h5);
            throw new ModelLoadException(
                    explained != null ? explained : "Cannot read " + h5 + " as " + what + ": " + e, e);
        }
    }

    /** The file's keras_version attribute, or null: only a hint (Keras 3?), so a value that cannot be read is none. */
    private static String kerasVersion(Hdf5Archive archive) {
        try {
            return archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : null;
        } catch (Exception | UnsatisfiedLinkError e) {
            return null;
        }
    }

    private static JsonNode layers(JsonNode root) {
        JsonNode config = root.get("config");
        return config.isArray() ? config : config.path("layers");
    }

    /** The per-sample input shape from the first {@code batch_input_shape} of the architecture, or null. */
    private static Shape batchInputShape(JsonNode root) {
        JsonNode layers = layers(root);
        if (!layers.isArray()) {
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
}
