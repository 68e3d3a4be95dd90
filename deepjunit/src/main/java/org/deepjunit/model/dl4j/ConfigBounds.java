package org.deepjunit.model.dl4j;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.deepjunit.model.ModelLoadException;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Checks every dimension field of a Keras architecture or a DL4J {@code configuration.json} before ND4J sees it:
 * ND4J trusts these numbers, and a stride of 2147483647 crashes the JVM inside libnd4jcpu (SIGSEGV), where no
 * Java exception can be caught. A value must be a whole number within sane bounds; the error names the file,
 * the layer, the field and the value.
 */
final class ConfigBounds {

    /** Largest kernel, pool, stride, dilation or padding accepted: far beyond any real image model. */
    static final long MAX_SPATIAL = 1 << 16;

    /** Largest unit, filter, channel or vocabulary count accepted. */
    static final long MAX_UNITS = 1 << 24;

    /** nullable: whether null may stand for the value (Keras: a pooling stride of null means the pool size). */
    private record Bound(long min, long max, boolean nullable) {
        Bound(long min, long max) {
            this(min, max, true);
        }
    }

    /** Keras field names (tf.keras 2 and Keras 1) and their bounds; strings such as padding "same" pass. */
    private static final Map<String, Bound> KERAS = Map.ofEntries(
            Map.entry("strides", new Bound(1, MAX_SPATIAL)),
            Map.entry("subsample", new Bound(1, MAX_SPATIAL)),
            Map.entry("kernel_size", new Bound(1, MAX_SPATIAL)),
            Map.entry("pool_size", new Bound(1, MAX_SPATIAL)),
            Map.entry("pool_length", new Bound(1, MAX_SPATIAL)),
            Map.entry("dilation_rate", new Bound(1, MAX_SPATIAL)),
            Map.entry("size", new Bound(1, MAX_SPATIAL)),
            Map.entry("padding", new Bound(0, MAX_SPATIAL)),
            Map.entry("cropping", new Bound(0, MAX_SPATIAL)),
            Map.entry("units", new Bound(1, MAX_UNITS)),
            Map.entry("output_dim", new Bound(1, MAX_UNITS)),
            Map.entry("input_dim", new Bound(1, MAX_UNITS)),
            Map.entry("filters", new Bound(1, MAX_UNITS)),
            Map.entry("nb_filter", new Bound(1, MAX_UNITS)),
            Map.entry("depth_multiplier", new Bound(1, MAX_UNITS)),
            Map.entry("n", new Bound(1, MAX_UNITS)),
            Map.entry("batch_input_shape", new Bound(1, MAX_UNITS)));

    /** DL4J configuration.json field names (layers and input preprocessors) and their bounds. */
    private static final Map<String, Bound> DL4J = Map.ofEntries(
            Map.entry("kernelSize", new Bound(1, MAX_SPATIAL, false)),
            Map.entry("stride", new Bound(1, MAX_SPATIAL, false)),
            Map.entry("dilation", new Bound(1, MAX_SPATIAL, false)),
            Map.entry("size", new Bound(1, MAX_SPATIAL, false)),
            Map.entry("padding", new Bound(0, MAX_SPATIAL, false)),
            Map.entry("cropping", new Bound(0, MAX_SPATIAL, false)),
            Map.entry("pnorm", new Bound(0, MAX_SPATIAL)),
            Map.entry("nin", new Bound(0, MAX_UNITS)),
            Map.entry("nout", new Bound(0, MAX_UNITS)),
            Map.entry("inputHeight", new Bound(1, MAX_UNITS)),
            Map.entry("inputWidth", new Bound(1, MAX_UNITS)),
            Map.entry("inputDepth", new Bound(1, MAX_UNITS)),
            Map.entry("numChannels", new Bound(1, MAX_UNITS)));

    private ConfigBounds() {}

    /** Checks a Keras architecture ({@code model.to_json()} or an HDF5 file's {@code model_config}). */
    static void checkKeras(JsonNode root, Path file) {
        walk(root, KERAS, file, "the model", "name");
    }

    /** Checks a DL4J {@code configuration.json} (MultiLayerNetwork or ComputationGraph). */
    static void checkDl4j(JsonNode root, Path zip) {
        walk(root, DL4J, zip, "the network", "layerName");
    }

    private static void walk(JsonNode node, Map<String, Bound> fields, Path file, String layer, String nameField) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, fields, file, layer, nameField);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode name = node.get(nameField);
        String here = name != null && name.isTextual() ? "layer '" + name.asText() + "'" : layer;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            Bound bound = fields.get(field.getKey());
            if (bound != null) {
                checkValue(field.getValue(), bound, file, here, field.getKey(), field.getValue());
            } else {
                walk(field.getValue(), fields, file, here, nameField);
            }
        }
    }

    /** A number, or arrays of numbers (ZeroPadding2D's [[1, 1], [2, 2]]); strings ("same") pass. */
    private static void checkValue(JsonNode v, Bound b, Path file, String layer, String field, JsonNode whole) {
        if (v.isNull() && !b.nullable() || v.isArray() && v.isEmpty()) {
            throw bad(file, layer, field, whole, "a whole number");
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                checkValue(e, b, file, layer, field, whole);
            }
        } else if (v.isNumber()) {
            if (!v.isIntegralNumber() && v.asDouble() != Math.rint(v.asDouble())) {
                throw bad(file, layer, field, whole, "a whole number");
            }
            double d = v.asDouble();
            if (d < b.min() || d > b.max()) {
                throw bad(file, layer, field, whole, "between " + b.min() + " and " + b.max());
            }
        } else if (!v.isNull() && !v.isTextual() && !v.isBoolean()) {
            throw bad(file, layer, field, whole, "a whole number");
        }
    }

    private static ModelLoadException bad(Path file, String layer, String field, JsonNode value, String expected) {
        return new ModelLoadException(file + ": " + layer + " has " + field + " = " + value + ", but each value must"
                + " be " + expected + ": the file is corrupt or was edited; fix the value or re-export the model");
    }
}
