package org.deepjunit.model.tensorflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Conv;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dropout;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Flatten;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.KLayer;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Loop;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.MaxPool;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Metadata;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedUserObject;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject.ObjectReference;
import org.tensorflow.proto.VersionDef;

/**
 * Stores a {@link Spec}'s Keras model config in an exported SavedModel where tf.keras puts it: as JSON in
 * {@code keras_metadata.pb} (tf.keras 2.5 and later) or in the object graph of {@code saved_model.pb}
 * (earlier versions), written field by field since TF Java has no Keras.
 */
final class KerasMetadataWriter {

    private KerasMetadataWriter() {}

    /** The model's JSON as tf.keras writes it for {@code _tf_keras_sequential}. */
    static String modelJson(Spec spec) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", spec.modelName())
                .put("trainable", true)
                .put("expects_training_arg", true)
                .put("dtype", "float32")
                .put("class_name", "Sequential");
        ObjectNode config = root.putObject("config");
        config.put("name", spec.modelName());
        ArrayNode layers = config.putArray("layers");
        ObjectNode input = layers.addObject();
        input.put("class_name", "InputLayer");
        ObjectNode ic = input.putObject("config");
        ArrayNode shape =
                ic.putObject("batch_input_shape").put("class_name", "__tuple__").putArray("items");
        shape.addNull();
        for (int d : spec.inputShape()) {
            shape.add(d);
        }
        ic.put("dtype", "float32").put("name", "input_1");
        for (KLayer l : spec.layers()) {
            ObjectNode node = layers.addObject();
            ObjectNode c = json.createObjectNode();
            c.put("name", l.name()).put("trainable", true).put("dtype", "float32");
            if (l instanceof Dense d) {
                node.put("class_name", "Dense");
                c.put("units", d.out()).put("activation", d.activation()).put("use_bias", true);
            } else if (l instanceof Conv cv) {
                node.put("class_name", "Conv2D");
                c.put("filters", cv.out()).put("activation", cv.activation()).put("padding", "valid");
                c.putArray("kernel_size").add(cv.k()).add(cv.k());
            } else if (l instanceof MaxPool p) {
                node.put("class_name", "MaxPooling2D");
                c.putArray("pool_size").add(p.size()).add(p.size());
            } else if (l instanceof Flatten) {
                node.put("class_name", "Flatten");
            } else if (l instanceof Dropout) {
                node.put("class_name", "Dropout");
                c.put("rate", 0.2);
            } else if (l instanceof Loop) {
                node.put("class_name", "SimpleRNN");
            }
            node.set("config", c);
        }
        return root.toString();
    }

    static void addMetadata(Spec spec, Path dir, Metadata where) throws IOException {
        if (where == Metadata.NONE) {
            return;
        }
        String model = modelJson(spec);
        if (where == Metadata.KERAS_METADATA_PB) {
            ByteArrayOutputStream node = new ByteArrayOutputStream();
            CodedOutputStream n = CodedOutputStream.newInstance(node);
            n.writeInt32(2, 0);
            n.writeString(3, "root");
            n.writeString(4, "_tf_keras_sequential");
            n.writeString(5, model);
            n.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            CodedOutputStream a = CodedOutputStream.newInstance(all);
            a.writeByteArray(1, node.toByteArray());
            a.flush();
            Files.write(dir.resolve("keras_metadata.pb"), all.toByteArray());
            return;
        }
        Path pb = dir.resolve("saved_model.pb");
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        VersionDef version =
                VersionDef.newBuilder().setProducer(1).setMinConsumer(1).build();
        SavedObjectGraph.Builder graph = SavedObjectGraph.newBuilder();
        SavedObject.Builder root = SavedObject.newBuilder()
                .setUserObject(SavedUserObject.newBuilder()
                        .setIdentifier("_tf_keras_sequential")
                        .setVersion(version)
                        .setMetadata(model));
        int id = 1;
        for (KLayer l : spec.layers()) {
            root.addChildren(ObjectReference.newBuilder().setNodeId(id++).setLocalName(l.name()));
        }
        graph.addNodes(root);
        for (KLayer l : spec.layers()) {
            graph.addNodes(SavedObject.newBuilder()
                    .setUserObject(SavedUserObject.newBuilder()
                            .setIdentifier("_tf_keras_layer")
                            .setVersion(version)
                            .setMetadata("{\"name\": \"" + l.name() + "\"}")));
        }
        MetaGraphDef meta =
                sm.getMetaGraphs(0).toBuilder().setObjectGraphDef(graph).build();
        Files.write(pb, sm.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
    }
}
