package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input gradients against central finite differences, in float64. The objective value for the
 * differences is computed independently from forward activations (the logits are read as the
 * declared layer feeding the softmax), so the in-graph objective is checked, not assumed.
 */
class TensorFlowGradientTest {

    @TempDir
    static Path dir;

    static TensorFlowModel mlp;
    static TensorFlowModel cnn;
    static TensorFlowModel cnn32;

    @BeforeAll
    static void export() {
        TfFixtures.Exported m =
                TfFixtures.mlp(DataType.FLOAT64, new int[] {4, 5, 3}, new Random(11), dir.resolve("mlp"));
        mlp = TensorFlowModel.builder(m.dir())
                .layer("hidden", m.op("dense"))
                .layer("logits", m.logits())
                .build();
        TfFixtures.Exported c =
                TfFixtures.lenet(DataType.FLOAT64, 12, 12, 1, 3, 4, 8, 5, new Random(5), dir.resolve("cnn"));
        cnn = TensorFlowModel.builder(c.dir())
                .layer("conv1", c.op("conv1"))
                .layer("pool1", c.op("pool1"))
                .layer("conv2", c.op("conv2"))
                .layer("pool2", c.op("pool2"))
                .layer("fc1", c.op("fc1"))
                .layer("logits", c.logits())
                .build();
        TfFixtures.Exported c32 =
                TfFixtures.lenet(DataType.FLOAT32, 12, 12, 1, 3, 4, 8, 5, new Random(5), dir.resolve("cnn32"));
        cnn32 = TensorFlowModel.builder(c32.dir())
                .layer("conv1", c32.op("conv1"))
                .layer("pool2", c32.op("pool2"))
                .build();
    }

    @AfterAll
    static void close() {
        mlp.close();
        cnn.close();
        cnn32.close();
    }

    @Test
    void cnnLayersHaveInferredKindsAndChannelsLastShapes() {
        assertThat(cnn.layers())
                .extracting(l -> l.name() + ":" + l.kind() + l.outputShape())
                .containsExactly(
                        "conv1:CONVOLUTION[12, 12, 3]",
                        "pool1:POOLING[6, 6, 3]",
                        "conv2:CONVOLUTION[6, 6, 4]",
                        "pool2:POOLING[3, 3, 4]",
                        "fc1:DENSE[8]",
                        "logits:DENSE[5]");
        assertThat(cnn.inputShape()).isEqualTo(Shape.of(12, 12, 1));
        assertThat(cnn.outputShape()).isEqualTo(Shape.of(5));
    }

    @Test
    void cnnLayerDiscoveryFindsEveryLayerWithoutNames() {
        try (TensorFlowModel m = TensorFlowModel.load(dir.resolve("cnn"))) {
            assertThat(m.layers())
                    .extracting(l -> l.name() + ":" + l.kind())
                    .containsExactly(
                            "conv1/Relu:CONVOLUTION",
                            "pool1/MaxPool:POOLING",
                            "conv2/Relu:CONVOLUTION",
                            "pool2/MaxPool:POOLING",
                            "flatten/Reshape:FLATTEN",
                            "fc1/Relu:DENSE",
                            "fc2/BiasAdd:DENSE",
                            "softmax/Softmax:ACTIVATION");
            assertThat(m.layers().get(4).kind().countedByDefault()).isFalse();
        }
    }

    @Test
    void mlpLogitTermsMatchFiniteDifferences() {
        Objective o = Objective.builder()
                .logit(0, 2, 1.0)
                .logit(Objective.ALL_SAMPLES, 0, -0.5)
                .build();
        check("mlp logits", mlp, input(3, 4, 1), o);
    }

    @Test
    void mlpHiddenNeuronTermsMatchFiniteDifferences() {
        Objective o = Objective.builder()
                .neuron(1, "hidden", 3, 1.0)
                .neuron("hidden", 1, 0.7)
                .neuron(2, "hidden", 0, -0.3)
                .build();
        check("mlp hidden", mlp, input(3, 4, 2), o);
    }

    @Test
    void mlpMixedTermsMatchFiniteDifferences() {
        Objective o = Objective.builder()
                .logit(1, 1, 1.0)
                .logit(0, 2, -1.0)
                .neuron("hidden", 4, 0.1)
                .build();
        check("mlp mixed (DeepXplore-like)", mlp, input(3, 4, 3), o);
    }

    @Test
    void cnnChannelMeanTermsOnConvAndPoolLayersMatchFiniteDifferences() {
        Objective o = Objective.builder()
                .neuron(0, "conv1", 1, 1.0)
                .neuron("pool1", 2, 0.5)
                .neuron(1, "conv2", 3, -0.8)
                .neuron("pool2", 0, 0.3)
                .build();
        check("cnn channels", cnn, input(2, 144, 4).reshape(2, 12, 12, 1), o);
    }

    @Test
    void cnnLogitAndDenseTermsMatchFiniteDifferences() {
        Objective o = Objective.builder()
                .logit(1, 4, 1.0)
                .logit(Objective.ALL_SAMPLES, 0, -1.0)
                .neuron(0, "fc1", 2, 0.1)
                .build();
        check("cnn logits", cnn, input(2, 144, 5).reshape(2, 12, 12, 1), o);
    }

    @Test
    void float32GradientAgreesWithFloat64() {
        Objective o = Objective.builder()
                .neuron("conv1", 0, 1.0)
                .neuron("pool2", 3, 1.0)
                .logit(2, 1.0)
                .build();
        Tensor x = input(2, 144, 6).reshape(2, 12, 12, 1);
        Tensor g64 = cnn.inputGradient(x, o);
        Tensor g32 = cnn32.inputGradient(x, o);
        assertThat(g32.dataType()).isEqualTo(DataType.FLOAT32);
        double rel = relError(g32.toDoubleArray(), g64.toDoubleArray());
        System.out.printf("float32 vs float64 gradient relative error: %.3e%n", rel);
        assertThat(rel).isLessThan(1e-4);
    }

    /** Objective value from forward activations: Σ weight · (spatial mean of) neuron or logit. */
    static double objective(TensorFlowModel m, Tensor x, Objective o) {
        Activations a = m.activations(x, m.layers().stream().map(l -> l.name()).toList());
        double total = 0;
        int n = x.batchSize();
        for (Objective.Term t : o.terms()) {
            Tensor values = a.layer(t.isLogit() ? "logits" : t.layer());
            int units = values.shape().last();
            int perSample = values.size() / n;
            int positions = perSample / units;
            for (int s = 0; s < n; s++) {
                if (!t.appliesTo(s)) {
                    continue;
                }
                double sum = 0;
                for (int p = 0; p < positions; p++) {
                    sum += values.getDouble(s * perSample + p * units + t.unit());
                }
                total += t.weight() * sum / positions;
            }
        }
        return total;
    }

    static void check(String what, TensorFlowModel m, Tensor x, Objective o) {
        double[] g = m.inputGradient(x, o).toDoubleArray();
        double[] xs = x.toDoubleArray();
        double[] fd = new double[xs.length];
        double h = 1e-6;
        int[] dims = x.shape().dims();
        for (int i = 0; i < xs.length; i++) {
            double keep = xs[i];
            xs[i] = keep + h;
            double plus = objective(m, Tensor.of(xs, dims), o);
            xs[i] = keep - h;
            double minus = objective(m, Tensor.of(xs, dims), o);
            xs[i] = keep;
            fd[i] = (plus - minus) / (2 * h);
        }
        double rel = relError(g, fd);
        System.out.printf(
                "%s: finite-difference relative error %.3e (|grad| = %.3e, %d elements)%n",
                what, rel, norm(g), g.length);
        assertThat(norm(g))
                .as("gradient must not vanish for a meaningful check")
                .isGreaterThan(1e-3);
        assertThat(rel).as(what + " relative error").isLessThan(1e-6);
    }

    static double relError(double[] a, double[] b) {
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(diff) / Math.max(norm(a), norm(b));
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static Tensor input(int n, int size, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Tensor.of(v, n, size);
    }

    @Test
    void aTermOnOneSampleLeavesTheOthersGradientZero() {
        Tensor g = cnn.inputGradient(
                input(2, 144, 7).reshape(2, 12, 12, 1),
                Objective.builder().neuron(0, "conv2", 1, 1.0).build());
        double[] v = g.toDoubleArray();
        assertThat(norm(java.util.Arrays.copyOfRange(v, 0, 144))).isGreaterThan(0);
        assertThat(java.util.Arrays.copyOfRange(v, 144, 288)).containsOnly(0.0);
        assertThat(g.shape()).isEqualTo(Shape.of(2, 12, 12, 1));
    }
}
