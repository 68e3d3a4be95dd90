package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.DataType;
import org.deepjunit.model.InputShapeException;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.NonFiniteValueException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.UnknownLayerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Every way to misuse the adapter ends in a ModelException saying what was expected, never in a JVM abort. */
class TensorFlowModelErrorsTest {

    @TempDir
    static Path dir;

    static TensorFlowModel cnn;
    static TensorFlowModel mlp;

    @BeforeAll
    static void export() {
        TfFixtures.Exported c =
                TfFixtures.lenet(DataType.FLOAT64, 12, 12, 1, 2, 3, 4, 3, new Random(3), dir.resolve("cnn"));
        cnn = TensorFlowModel.builder(c.dir())
                .layer("conv1", c.op("conv1"))
                .layer("fc1", c.op("fc1"))
                .build();
        TfFixtures.mlp(DataType.FLOAT64, new int[] {4, 5, 3}, new Random(4), dir.resolve("mlp"));
        mlp = TensorFlowModel.load(dir.resolve("mlp"));
    }

    @AfterAll
    static void close() {
        cnn.close();
        mlp.close();
    }

    static Tensor zeros(int... shape) {
        return Tensor.zeros(DataType.FLOAT64, org.deepjunit.model.Shape.of(shape));
    }

    @Test
    void wrongRankIsRejectedBeforeTensorFlowAndTheJvmSurvives() {
        // Fed to TF, a rank-2 tensor into this Conv2D graph aborts the JVM (tensor_format.h check).
        assertThatThrownBy(() -> cnn.predict(zeros(2, 144)))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("[2, 144]")
                .hasMessageContaining("expected [batch, 12, 12, 1]")
                .hasMessageContaining("'cnn'");
        assertThatThrownBy(() -> cnn.inputGradient(
                        zeros(12, 12, 1), Objective.builder().logit(0, 1).build()))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("add the batch dimension first");
        assertThatThrownBy(() -> cnn.activations(zeros(1, 1, 12, 12, 1)))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("[1, 1, 12, 12, 1]");
        // Still alive, and the model still works: this line running is the proof.
        assertThat(cnn.predict(zeros(1, 12, 12, 1)).shape()).isEqualTo(org.deepjunit.model.Shape.of(1, 3));
    }

    @Test
    void wrongSizeIsRejected() {
        assertThatThrownBy(() -> mlp.predict(zeros(3, 5)))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("[3, 5]")
                .hasMessageContaining("expected [batch, 4]");
        assertThatThrownBy(() -> cnn.predict(zeros(1, 12, 11, 1)))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("expected [batch, 12, 12, 1]");
    }

    @Test
    void otherFloatTypeIsConvertedAndNonFloatModelsAreRefused() {
        double[] x = {0.1, 0.2, 0.3, 0.4};
        Tensor p64 = mlp.predict(Tensor.of(x, 1, 4));
        Tensor p32 = mlp.predict(Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 4));
        assertThat(p32.dataType()).isEqualTo(DataType.FLOAT64);
        assertThat(p32.maxAbsDifference(p64)).isLessThan(1e-7);

        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TInt32> in = tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 3)));
            tf.withName("out").identity(in);
            assertThatThrownBy(() -> TensorFlowModel.builder(g)
                            .input("ids")
                            .output("out")
                            .name("ints")
                            .build())
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("DT_INT32")
                    .hasMessageContaining("float32 (DT_FLOAT) and float64");
        }
    }

    @Test
    void nanInputIsRejected() {
        assertThatThrownBy(() -> mlp.predict(Tensor.of(new double[] {0, Double.NaN, 0, 0}, 1, 4)))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("inputs must be finite");
    }

    @Test
    void unknownSignatureKeyListsTheAvailableOnes() {
        assertThatThrownBy(() -> TensorFlowModel.builder(dir.resolve("mlp"))
                        .signature("predict")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no signature 'predict'")
                .hasMessageContaining("[serving_default]")
                .hasMessageContaining(dir.resolve("mlp").toAbsolutePath().toString());
    }

    @Test
    void unknownTagsListTheAvailableTagSets() {
        assertThatThrownBy(() ->
                        TensorFlowModel.builder(dir.resolve("mlp")).tags("gpu").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tags [gpu]")
                .hasMessageContaining("tag sets [[serve]]");
    }

    @Test
    void unknownLayerNamesAreReportedWithTheKnownOnes() {
        assertThatThrownBy(() -> cnn.activations(zeros(1, 12, 12, 1), List.of("conv9")))
                .isInstanceOf(UnknownLayerException.class)
                .hasMessageContaining("'conv9'")
                .hasMessageContaining("[conv1, fc1]");
        assertThatThrownBy(() -> cnn.inputGradient(
                        zeros(1, 12, 12, 1),
                        Objective.builder().neuron("conv9", 0, 1).build()))
                .isInstanceOf(UnknownLayerException.class)
                .hasMessageContaining("[conv1, fc1]");
        assertThatThrownBy(() -> cnn.inputGradient(
                        zeros(1, 12, 12, 1),
                        Objective.builder().neuron("conv1", 2, 1).build()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("valid indices 0..1");
        assertThatThrownBy(() -> TensorFlowModel.builder(dir.resolve("cnn"))
                        .layer("conv1/Relu6")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no op 'conv1/Relu6'")
                .hasMessageContaining("op name such as");
        assertThatThrownBy(() -> TensorFlowModel.builder(dir.resolve("cnn"))
                        .layer("conv1/kernel")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not depend on the input");
        assertThatThrownBy(() -> TensorFlowModel.builder(dir.resolve("cnn"))
                        .layer("conv1/Relu:3")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has 1 outputs");
    }

    @Test
    void missingDirectoryIsReported() {
        Path missing = dir.resolve("no-such-model");
        assertThatThrownBy(() -> TensorFlowModel.load(missing))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("saved_model.pb");
    }

    @Test
    void directoryWithoutSavedModelPbIsReported() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("model.h5"), "not a savedmodel");
        assertThatThrownBy(() -> TensorFlowModel.load(empty))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(empty.toAbsolutePath().toString())
                .hasMessageContaining("holds no saved_model.pb");
    }

    @Test
    void corruptSavedModelPbIsReported() throws IOException {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.write(corrupt.resolve("saved_model.pb"), new byte[] {0x0a, 0x7f, 1, 2, 3, (byte) 0xff, 0x12});
        Files.createDirectories(corrupt.resolve("variables"));
        assertThatThrownBy(() -> TensorFlowModel.load(corrupt))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(corrupt.toAbsolutePath().toString())
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void nanWeightIsReportedAsNonFiniteOutput() {
        double[] w = TestWeights.uniform(new Random(1), 4 * 5, 0.5);
        w[7] = Double.NaN;
        TfFixtures.Exported e = TfFixtures.mlp(
                DataType.FLOAT64,
                new int[] {4, 5, 3},
                new double[][] {w, TestWeights.uniform(new Random(2), 15, 0.5)},
                new double[][] {new double[5], new double[3]},
                dir.resolve("nan"));
        try (TensorFlowModel m =
                TensorFlowModel.builder(e.dir()).layer("hidden", e.op("dense")).build()) {
            Tensor x = Tensor.of(new double[] {1, 1, 1, 1}, 1, 4);
            assertThatThrownBy(() -> m.predict(x))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("produced NaN in its output")
                    .hasMessageContaining("input sample 0");
            assertThatThrownBy(() ->
                            m.inputGradient(x, Objective.builder().logit(0, 1).build()))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("the input gradient");
            assertThatThrownBy(() -> m.neuronValues(x, java.util.List.of("hidden")))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("produced NaN");
        }
    }

    @Test
    void signatureWithSeveralOutputsAsksToPickOne() throws IOException {
        Path multi = dir.resolve("multi");
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Operand<TFloat32> logits = tf.withName("logits").math.mul(x, tf.constant(new float[] {2f, 3f}));
            Operand<TFloat32> probs = tf.withName("probs").nn.softmax(logits);
            Signature sig = Signature.builder()
                    .key("serving_default")
                    .input("x", x)
                    .output("logits", logits)
                    .output("probs", probs)
                    .build();
            SavedModelDirs.export(multi, s, sig);
        }
        assertThatThrownBy(() -> TensorFlowModel.load(multi))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has 2 outputs [logits, probs]")
                .hasMessageContaining(".output(key)");
        assertThatThrownBy(() -> TensorFlowModel.builder(multi).output("scores").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no output 'scores'");
        try (TensorFlowModel m = TensorFlowModel.builder(multi).output("probs").build()) {
            Tensor p = m.predict(Tensor.of(new float[] {1f, 1f}, 1, 2));
            assertThat(p.getDouble(0, 1)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-6));
            // logits of a model ending in softmax are the softmax's input: d(3·x1)/dx = (0, 3)
            Tensor g = m.inputGradient(
                    Tensor.of(new float[] {1f, 1f}, 1, 2),
                    Objective.builder().logit(1, 1).build());
            assertThat(g.toDoubleArray()).containsExactly(new double[] {0, 3}, within(1e-6));
        }
    }

    @Test
    void closedModelRefusesWork() {
        TensorFlowModel m = TensorFlowModel.load(dir.resolve("mlp"));
        m.close();
        m.close(); // idempotent
        assertThatThrownBy(() -> m.predict(zeros(1, 4)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void inMemoryGraphWorksAndStaysOwnedByTheCaller() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Operand<TFloat32> h = tf.withSubScope("hidden")
                    .withName("Relu")
                    .nn
                    .relu(tf.withSubScope("hidden").withName("MatMul").linalg.matMul(x, tf.constant(new float[][] {
                        {1f, -1f}, {2f, 1f}
                    })));
            tf.withName("y").math.mul(h, tf.constant(2f));
            try (TensorFlowModel m = TensorFlowModel.builder(g)
                    .input("x")
                    .output("y:0")
                    .layer("hidden/Relu")
                    .name("inline")
                    .build()) {
                assertThat(m.layers())
                        .extracting(l -> l.name() + ":" + l.kind())
                        .containsExactly("hidden/Relu:DENSE");
                // x = (1, 1): matmul = (3, 0) -> relu (3, 0) -> y = (6, 0)
                Tensor y = m.predict(Tensor.of(new float[] {1f, 1f}, 1, 2));
                assertThat(y.toDoubleArray()).containsExactly(6, 0);
            }
            assertThatThrownBy(() -> TensorFlowModel.builder(g).build())
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(".input(\"x\").output(\"y\")");
            assertThat(g.operation("x")).isNotNull(); // the graph is still usable after the model closed
        }
    }
}
