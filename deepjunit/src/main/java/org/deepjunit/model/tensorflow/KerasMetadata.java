package org.deepjunit.model.tensorflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepjunit.model.LayerKind;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;

/**
 * The Keras model description a SavedModel written by {@code model.save(...)} (tf.keras, Keras 2)
 * carries: the model's name and its layers with class names and configs. Keras writes it as JSON,
 * either in the object graph ({@code SavedUserObject.metadata}, TF ≤ 2.4) or in a separate
 * {@code keras_metadata.pb} next to {@code saved_model.pb} (later versions); both are read.
 *
 * @param modelName the Keras model name, which is the name scope of every layer op
 *                  ({@code sequential} in {@code sequential/dense/MatMul})
 * @param layers    the layers in the order of the model's config, input layers included
 * @param source    where the metadata was read, for messages
 * @param unreadableLayers how many entries of the layer list had no name or class name (a corrupt file)
 */
record KerasMetadata(String modelName, List<KerasLayer> layers, String source, int unreadableLayers) {

    private static final Set<String> MODEL_IDENTIFIERS =
            Set.of("_tf_keras_sequential", "_tf_keras_model", "_tf_keras_network");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One Keras layer.
     *
     * @param name      as Keras named it ({@code dense_1})
     * @param className the Keras class ({@code Dense}, {@code Conv2D}...)
     * @param config    the layer's config ({@code units}, {@code filters}, {@code activation}...)
     */
    record KerasLayer(String name, String className, JsonNode config) {

        /** The {@code activation} of the config, or null. */
        String activation() {
            JsonNode a = config.get("activation");
            return a != null && a.isTextual() ? a.asText() : null;
        }

        /** The DeepJUnit kind of a Keras layer class, or null when the class is not known. */
        LayerKind kind() {
            String c = className;
            if (c.equals("InputLayer")) {
                return LayerKind.INPUT;
            }
            if (c.equals("Dense") || c.equals("EinsumDense")) {
                return LayerKind.DENSE;
            }
            if (c.startsWith("Conv") || c.startsWith("SeparableConv") || c.startsWith("DepthwiseConv")) {
                return LayerKind.CONVOLUTION;
            }
            if (c.contains("Pooling")) {
                return LayerKind.POOLING;
            }
            if (c.equals("Flatten")) {
                return LayerKind.FLATTEN;
            }
            if (c.equals("Reshape") || c.equals("Permute") || c.equals("RepeatVector")) {
                return LayerKind.RESHAPE;
            }
            if (c.contains("Dropout") || c.startsWith("Gaussian")) {
                return LayerKind.DROPOUT;
            }
            if (c.contains("Normalization")) {
                return LayerKind.NORMALIZATION;
            }
            if (Set.of("Activation", "ReLU", "Softmax", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU")
                    .contains(c)) {
                return LayerKind.ACTIVATION;
            }
            if (Set.of("LSTM", "GRU", "SimpleRNN", "RNN", "Bidirectional", "ConvLSTM2D", "TimeDistributed")
                    .contains(c)) {
                return LayerKind.RECURRENT;
            }
            if (c.equals("Embedding")) {
                return LayerKind.EMBEDDING;
            }
            if (Set.of("Add", "Concatenate", "Multiply", "Average", "Maximum", "Minimum", "Subtract", "Dot")
                    .contains(c)) {
                return LayerKind.MERGE;
            }
            return null;
        }
    }

    /** Reads the metadata of a SavedModel, or null when it has none (a plain TF2 module, Keras 3, TF1). */
    static KerasMetadata read(Path dir, MetaGraphDef meta) {
        List<String[]> objects = new ArrayList<>(); // {identifier, metadata json}
        String source = null;
        if (meta != null && meta.hasObjectGraphDef()) {
            for (SavedObject o : meta.getObjectGraphDef().getNodesList()) {
                if (o.hasUserObject() && !o.getUserObject().getMetadata().isEmpty()) {
                    objects.add(new String[] {
                        o.getUserObject().getIdentifier(), o.getUserObject().getMetadata()
                    });
                }
            }
            source = "the SavedModel's object graph";
        }
        Path pb = dir == null ? null : dir.resolve("keras_metadata.pb");
        if (objects.isEmpty() && pb != null && Files.isRegularFile(pb)) {
            try {
                objects = readKerasMetadataPb(Files.readAllBytes(pb));
                source = pb.getFileName().toString();
            } catch (IOException | RuntimeException e) {
                return null; // unreadable metadata: fall back to the graph
            }
        }
        for (String[] o : objects) {
            if (!MODEL_IDENTIFIERS.contains(o[0])) {
                continue;
            }
            try {
                KerasMetadata m = parseModel(JSON.readTree(o[1]), source);
                if (m != null) {
                    return m;
                }
            } catch (IOException | RuntimeException e) {
                // not JSON we understand: try the next object, then fall back to the graph
            }
        }
        return null;
    }

    private static KerasMetadata parseModel(JsonNode root, String source) {
        JsonNode config = root.get("config");
        JsonNode layers = config == null ? null : config.get("layers");
        if (layers == null || !layers.isArray()) {
            return null; // a subclassed model: no layer list
        }
        String name = text(root, "name");
        if (name == null) {
            name = text(config, "name");
        }
        List<KerasLayer> result = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode l : layers) {
            JsonNode lc = l.get("config");
            String lname = text(l, "name");
            if (lname == null && lc != null) {
                lname = text(lc, "name");
            }
            String cls = text(l, "class_name");
            if (lname != null && cls != null) {
                result.add(new KerasLayer(lname, cls, lc == null ? JSON.createObjectNode() : lc));
            } else {
                unreadable++;
            }
        }
        return name == null ? null : new KerasMetadata(name, List.copyOf(result), source, unreadable);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Parses keras_metadata.pb ({@code SavedMetadata { repeated SavedObject nodes = 1; }}). */
    static List<String[]> readKerasMetadataPb(byte[] bytes) throws IOException {
        List<String[]> out = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 1
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                CodedInputStream node = CodedInputStream.newInstance(in.readByteArray());
                String identifier = "";
                String metadata = "";
                while (!node.isAtEnd()) {
                    int t = node.readTag();
                    int field = WireFormat.getTagFieldNumber(t);
                    if (field == 4 && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        identifier = node.readStringRequireUtf8();
                    } else if (field == 5 && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        metadata = node.readStringRequireUtf8();
                    } else {
                        node.skipField(t);
                    }
                }
                out.add(new String[] {identifier, metadata});
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Keras model '" + modelName + "' "
                + layers.stream()
                        .map(l -> l.name() + ":" + l.className().toLowerCase(Locale.ROOT))
                        .toList() + " from " + source;
    }
}
