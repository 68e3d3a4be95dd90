package org.deepjunit.faults;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.tensorflow.SavedModelDirs;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A small Keras-layout SavedModel directory (the committed {@code keras-savedmodels/dense}: flatten, dense, dropout,
 * dense_1, described by {@code keras_metadata.pb}), loaded with {@link TensorFlowModel}. Besides byte damage to
 * each file: the {@code variables/} folder lost, another model's {@code saved_model.pb} or variables, and absurd
 * dimensions in the Keras metadata or in a shape the graph states.
 */
public final class SavedModelFuzzFormat implements FuzzFormat {

    private static final List<String> FILES = List.of(
            "saved_model.pb",
            "keras_metadata.pb",
            "variables/variables.index",
            "variables/variables.data-00000-of-00001");
    private static final List<String> METADATA_DIMENSIONS = List.of("units", "batch_input_shape", "rate");
    private static final List<Long> ABSURD = List.of(0L, -7L, 3L, 2147483647L, 99999999999L, -2147483648L);

    @Override
    public String name() {
        return "keras-savedmodel";
    }

    @Override
    public List<Path> writeOriginal(Path dir) {
        Path model = SavedModelDirs.copyFixture("dense", dir.resolve("dense"));
        return FILES.stream().map(model::resolve).toList();
    }

    @Override
    public Model load(List<Path> files, String sha256) {
        TensorFlowModel.Builder builder = TensorFlowModel.builder(directory(files));
        return (sha256 == null ? builder : builder.sha256(sha256)).build();
    }

    /** The directory's hash, as {@code TensorFlowModel.files().sha256()} reports it. */
    @Override
    public String sha256(List<Path> files) {
        return ModelFiles.of(directory(files)).sha256();
    }

    /** Every refusal names the model's directory (or a file in it, whose path holds the directory's). */
    @Override
    public List<String> blame(List<Path> files, List<String> damaged) {
        return List.of(directory(files).toAbsolutePath().toString());
    }

    /** Without {@code keras_metadata.pb}, layers are named from the graph: no Dropout (an Identity op there). */
    @Override
    public List<String> optionalFiles() {
        return List.of("keras_metadata.pb");
    }

    /** The absurd dimensions twice each: a few in every hundred cases, among the 21 byte mutations of 4 files. */
    @Override
    public List<Mutation> mutations() {
        return List.of(
                (files, r) -> {
                    SavedModelDirs.deleteTree(files.get(2).getParent());
                    return done("missing file", "missing variables/ folder", files);
                },
                (files, r) -> {
                    copy(SavedModelDirs.fixture("cnn").resolve(FILES.get(0)), files.get(0));
                    return done("swapped files", "the CNN's saved_model.pb", files);
                },
                (files, r) -> {
                    for (int i = 2; i < 4; i++) {
                        copy(SavedModelDirs.fixture("cnn").resolve(FILES.get(i)), files.get(i));
                    }
                    return done("swapped files", "the CNN's variables/", files);
                },
                SavedModelFuzzFormat::absurdMetadata,
                SavedModelFuzzFormat::absurdMetadata,
                SavedModelFuzzFormat::absurdGraphShape,
                SavedModelFuzzFormat::absurdGraphShape);
    }

    private static Path directory(List<Path> files) {
        return files.get(0).getParent();
    }

    private static Mutation.Done done(String category, String description, List<Path> files) {
        return new Mutation.Done(category, description, List.of(directory(files).toString()));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** keras_metadata.pb is a SavedMetadata message: nodes (field 1) whose field 5 is the Keras JSON. */
    private static Mutation.Done absurdMetadata(List<Path> files, Random r) throws IOException {
        Path file = files.get(1);
        UnknownFieldSet all = UnknownFieldSet.parseFrom(Files.readAllBytes(file));
        UnknownFieldSet.Field.Builder nodes = UnknownFieldSet.Field.newBuilder();
        String what = "no dimension";
        for (ByteString bytes : all.getField(1).getLengthDelimitedList()) {
            UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
            String json = node.getField(5).getLengthDelimitedList().get(0).toStringUtf8();
            String edited = Mutations.absurd(json, METADATA_DIMENSIONS, r);
            if (!edited.equals(json)) {
                what = Mutations.describe(json, edited);
            }
            UnknownFieldSet.Field field = UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(ByteString.copyFromUtf8(edited))
                    .build();
            nodes.addLengthDelimited(UnknownFieldSet.newBuilder(node)
                    .clearField(5)
                    .addField(5, field)
                    .build()
                    .toByteString());
        }
        Files.write(
                file,
                UnknownFieldSet.newBuilder(all)
                        .clearField(1)
                        .addField(1, nodes.build())
                        .build()
                        .toByteArray());
        return done(Mutations.ABSURD_DIMENSION, "absurd dimension in keras_metadata.pb: " + what, files);
    }

    /** One dimension of a shape the top-level graph states (a variable's, the input placeholder's) made absurd. */
    private static Mutation.Done absurdGraphShape(List<Path> files, Random r) throws IOException {
        Path file = files.get(0);
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(file));
        MetaGraphDef.Builder meta = sm.getMetaGraphs(0).toBuilder();
        List<Integer> shaped = new ArrayList<>();
        for (int i = 0; i < meta.getGraphDef().getNodeCount(); i++) {
            AttrValue shape = meta.getGraphDef().getNode(i).getAttrOrDefault("shape", null);
            if (shape != null && shape.getShape().getDimCount() > 0) {
                shaped.add(i);
            }
        }
        int index = shaped.get(r.nextInt(shaped.size()));
        NodeDef node = meta.getGraphDef().getNode(index);
        TensorShapeProto.Builder shape = node.getAttrOrThrow("shape").getShape().toBuilder();
        int dim = r.nextInt(shape.getDimCount());
        long value = ABSURD.get(r.nextInt(ABSURD.size()));
        shape.setDim(dim, shape.getDim(dim).toBuilder().setSize(value));
        meta.getGraphDefBuilder()
                .setNode(
                        index,
                        node.toBuilder()
                                .putAttr(
                                        "shape",
                                        AttrValue.newBuilder().setShape(shape).build()));
        Files.write(file, sm.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
        return done(
                Mutations.ABSURD_DIMENSION,
                "dimension " + dim + " of " + node.getName() + "'s shape set to " + value + " in saved_model.pb",
                files);
    }
}
