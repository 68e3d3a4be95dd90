package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Flatten;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incomplete or mixed-up SavedModel directory fails at load naming the file and the mismatch (TensorFlow alone
 * would load it and fail at the first prediction), the tags hint appears only when the tags are the problem, and a
 * pinned SHA-256 catches a changed weights file.
 */
class SavedModelFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingIndexOrVariablesFolderFailsAtLoadNamingIt() throws IOException {
        Path noIndex = copy("dense", "no-index");
        Files.delete(noIndex.resolve("variables/variables.index"));
        assertThatThrownBy(() -> TensorFlowModel.load(noIndex))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(noIndex.toAbsolutePath().toString())
                .hasMessageContaining("has no variables/variables.index")
                .hasMessageContaining("restores variable(s) [layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE")
                .hasMessageNotContaining(".tags(");

        Path noFolder = copy("dense", "no-folder");
        SavedModelDirs.deleteTree(noFolder.resolve("variables"));
        assertThatThrownBy(() -> TensorFlowModel.load(noFolder))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(noFolder.toAbsolutePath().toString())
                .hasMessageContaining("has no variables/ folder");

        Path noData = copy("dense", "no-data");
        Files.delete(noData.resolve("variables/variables.data-00000-of-00001"));
        assertThatThrownBy(() -> TensorFlowModel.load(noData))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has no variables/variables.data-00000-of-00001");
    }

    @Test
    void aSavedModelPbFromAnotherModelFailsAtLoadNamingTheMismatch() throws IOException {
        Path swapped = copy("dense", "swapped");
        Files.copy(
                KerasFixtureModels.fixture("cnn").resolve("saved_model.pb"),
                swapped.resolve("saved_model.pb"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> TensorFlowModel.load(swapped))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(swapped.toAbsolutePath().toString())
                .hasMessageContaining("saved_model.pb restores variable(s) [layer_with_weights-2/bias/.ATTRIBUTES/"
                        + "VARIABLE_VALUE, layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE]")
                .hasMessageContaining("which variables/variables.index does not hold")
                .hasMessageContaining("come from different models")
                .hasMessageNotContaining(".tags(");

        // same variable names, other shapes: the graph of a 16-unit model over the weights of a 32-unit one
        Path narrow = tmp.resolve("narrow");
        KerasSavedModelFixtures.write(narrowDense(), narrow, KerasSavedModelFixtures.Metadata.NONE, false);
        Path reshaped = copy("dense", "reshaped");
        Files.copy(
                narrow.resolve("saved_model.pb"),
                reshaped.resolve("saved_model.pb"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> TensorFlowModel.load(reshaped))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("variable 'layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE' has shape [16], "
                        + "but variables/variables.index holds shape [32]");
    }

    @Test
    void aCallToAFunctionMissingFromTheLibraryFailsNamingTheDirectory() throws IOException {
        Path dir = copy("dense", "renamed-function");
        Path pb = dir.resolve("saved_model.pb");
        org.tensorflow.proto.SavedModel sm = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb));
        org.tensorflow.proto.MetaGraphDef.Builder meta = sm.getMetaGraphs(0).toBuilder();
        var library = meta.getGraphDefBuilder().getLibraryBuilder();
        for (int i = 0; i < library.getFunctionCount(); i++) {
            var signature = library.getFunctionBuilder(i).getSignatureBuilder();
            if (signature.getName().startsWith("__inference__wrapped_model")) {
                signature.setName(signature.getName() + "_renamed"); // as a bit flip in its name would
            }
        }
        Files.write(pb, sm.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
        assertThatThrownBy(() -> TensorFlowModel.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("is not in the SavedModel's function library");
    }

    @Test
    void theTagsHintOnlyWhenTheTagsAreTheProblem() throws IOException {
        Path dir = copy("dense", "tags");
        assertThatThrownBy(() -> TensorFlowModel.builder(dir).tags("gpu").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no meta graph with tags [gpu]")
                .hasMessageContaining("tag sets [[serve]]: choose one with .tags(...)");
        Path truncated = copy("dense", "truncated");
        byte[] pb = Files.readAllBytes(truncated.resolve("saved_model.pb"));
        Files.write(truncated.resolve("saved_model.pb"), java.util.Arrays.copyOf(pb, pb.length / 2));
        assertThatThrownBy(() -> TensorFlowModel.load(truncated))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(
                        truncated.resolve("saved_model.pb").toAbsolutePath().toString())
                .hasMessageContaining("corrupt or truncated")
                .hasMessageNotContaining(".tags(");
    }

    @Test
    void filesListsEveryFileWithItsSha256AndAPinCatchesAOneByteChange() throws Exception {
        Path dir = copy("dense", "pinned");
        String pin;
        try (TensorFlowModel m = TensorFlowModel.load(dir)) {
            ModelFiles files = m.files();
            assertThat(files.entries())
                    .extracting(ModelFiles.Entry::path)
                    .containsExactly(
                            "keras_metadata.pb",
                            "saved_model.pb",
                            "variables/variables.data-00000-of-00001",
                            "variables/variables.index");
            for (ModelFiles.Entry e : files.entries()) {
                assertThat(e.sha256()).isEqualTo(sha256(dir.resolve(e.path())));
            }
            pin = files.sha256();
        }
        try (TensorFlowModel m =
                TensorFlowModel.builder(dir).sha256(pin.toUpperCase()).build()) {
            assertThat(m.files().sha256()).isEqualTo(pin);
        }
        Path data = dir.resolve("variables/variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(data, bytes);
        assertThatThrownBy(() -> TensorFlowModel.builder(dir).sha256(pin).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("but " + pin + " was pinned")
                .hasMessageNotContaining("Checksum"); // refused by the pin, before TensorFlow reads the file
        assertThatThrownBy(() -> TensorFlowModel.builder(dir).sha256("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hexadecimal digits");
    }

    @Test
    void aGraphBuiltModelHasNoFiles() {
        try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
            org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
            var x = tf.withName("x")
                    .placeholder(
                            org.tensorflow.types.TFloat32.class,
                            org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 2)));
            tf.withName("y").math.mul(x, tf.constant(2f));
            try (TensorFlowModel m =
                    TensorFlowModel.builder(g).input("x").output("y").build()) {
                assertThat(m.files().isEmpty()).isTrue();
                assertThat(m.predict(Tensor.of(new float[] {1, 2}, 1, 2)).toFloatArray())
                        .containsExactly(2, 4);
            }
        }
    }

    private static Spec narrowDense() {
        Random rnd = new Random(3);
        return new Spec(
                "sequential",
                new int[] {28, 28, 1},
                List.of(
                        new Flatten("flatten"),
                        new Dense(
                                "dense",
                                784,
                                16,
                                "relu",
                                TestWeights.uniformFloats(rnd, 784 * 16, 0.05),
                                new float[16]),
                        new Dense(
                                "dense_1",
                                16,
                                10,
                                "softmax",
                                TestWeights.uniformFloats(rnd, 160, 0.3),
                                new float[10])));
    }

    private Path copy(String fixture, String name) {
        return SavedModelDirs.copyFixture(fixture, tmp.resolve(name));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
