package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.model.tensorflow.KerasFixtureModels.fixture;
import static org.deepjunit.model.tensorflow.KerasFixtureModels.randomInputs;
import static org.deepjunit.model.tensorflow.KerasReferenceForwardPass.forward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Conv;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input gradients of the Keras-layout SavedModels (committed fixtures under {@code keras-savedmodels/}):
 * they match central finite differences, of the model itself and of the float64 reference forward pass
 * ({@link KerasReferenceForwardPass}), and equal those of a flat graph with the same weights.
 */
class KerasSavedModelGradientTest {

    static TensorFlowModel dense;
    static TensorFlowModel cnn;
    static final Tensor X = Mnist.images(0, 4);

    @BeforeAll
    static void load() {
        dense = TensorFlowModel.load(fixture("dense"));
        cnn = TensorFlowModel.load(fixture("cnn"));
    }

    @AfterAll
    static void close() {
        dense.close();
        cnn.close();
    }

    @Test
    void denseInputGradientsMatchCentralFiniteDifferences() {
        gradientsMatchFiniteDifferences("dense");
    }

    /**
     * Float32 central differences through the model itself (h = 1e-3). Probes whose ±h step changes
     * the linear piece the network is in (a max-pool window's argmax or a ReLU's sign, judged by the
     * float64 reference forward pass) are replaced by the next random probe: there the function has a
     * kink within h and the central difference averages the two sides' slopes. That was the whole of
     * the old "max_pooling2d channel 1" mismatch: sample 0's pool window (row 6, column 6, channel 1)
     * holds two conv2d activations 1.3e-5 apart, so every h from 1e-2 down to 1e-4 straddles the
     * argmax switch at d/dx[404] and d/dx[406]; see {@link #theOldMismatchWasAMaxPoolNearTieNotTheInliner}.
     * The inliner is not involved: the inlined graph's gradient equals a flat graph's bit for bit
     * ({@link #cnnGradientsEqualThoseOfAFlatGraphWithTheSameWeights}). At most 10 probes may be replaced
     * (6 are, for this input), so the check cannot empty itself.
     */
    @Test
    void cnnInputGradientsMatchCentralFiniteDifferences() {
        gradientsMatchFiniteDifferences("cnn");
    }

    /**
     * The inlined float32 gradient against float64 central differences (h = 1e-6) of the reference
     * forward pass computed here from the weights: an independent check, tight enough (1e-4 relative)
     * to catch a gradient routed through a wrong or duplicated op.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dense", "cnn"})
    void inputGradientsMatchFloat64FiniteDifferencesOfTheReferenceForwardPass(String name) {
        Probe p = probe(name);
        double h = 1e-6;
        Random rnd = new Random(3);
        double maxErr = 0;
        int skipped = 0;
        for (int k = 0, checked = 0; checked < 40; k++) {
            int i = probeIndex(k, rnd, p.base.length);
            if (!samePiece(p, i, h)) {
                skipped++;
                continue;
            }
            double[] plus = p.base.clone();
            double[] minus = p.base.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (p.reference(plus) - p.reference(minus)) / (2 * h);
            maxErr = Math.max(maxErr, Math.abs(fd - p.gradient[i]) / (1e-3 + Math.abs(p.gradient[i])));
            assertThat(Math.abs(fd - p.gradient[i]))
                    .as("d/dx[" + i + "]")
                    .isLessThan(1e-5 + 1e-4 * Math.abs(p.gradient[i]));
            checked++;
        }
        System.out.printf(
                "%s: float64 reference FD, max relative error %.2e over 40 elements, %d skipped%n",
                name, maxErr, skipped);
        assertThat(skipped).as("probes at a kink within h = 1e-6").isZero();
    }

    /** Pins down the cause of the mismatch once recorded as open (d/dx[404] of the CNN fixture). */
    @Test
    void theOldMismatchWasAMaxPoolNearTieNotTheInliner() {
        Probe p = probe("cnn");
        // In sample 0, pixel 404 (row 14, column 12) feeds max_pooling2d's window (6, 6) of channel 1,
        // whose two largest conv2d activations are 1.3e-5 apart.
        double[] sample0 = java.util.Arrays.copyOf(p.base, 784);
        double[] conv = forward(p.spec, sample0).get("conv2d");
        double[] window = new double[4];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                window[2 * a + b] = conv[((12 + a) * 26 + 12 + b) * 4 + 1];
            }
        }
        double[] sorted = window.clone();
        java.util.Arrays.sort(sorted);
        assertThat(sorted[3] - sorted[2]).isBetween(1e-6, 1e-4);
        // Steps of 1e-3 and more cross that argmax switch; 1e-6 does not, and there TF's gradient is exact.
        assertThat(samePiece(p, 404, 1e-3)).isFalse();
        assertThat(samePiece(p, 404, 1e-6)).isTrue();
        double fdWide = (p.reference(step(p.base, 404, 1e-3)) - p.reference(step(p.base, 404, -1e-3))) / 2e-3;
        double fdNarrow = (p.reference(step(p.base, 404, 1e-6)) - p.reference(step(p.base, 404, -1e-6))) / 2e-6;
        assertThat(Math.abs(fdWide - p.gradient[404])).isGreaterThan(0.1 * Math.abs(p.gradient[404]));
        assertThat(fdNarrow).isCloseTo(p.gradient[404], org.assertj.core.data.Offset.offset(1e-5 * Math.abs(fdNarrow)));
    }

    /**
     * The inlined Keras-layout CNN and a flat graph of top-level ops with the same weights
     * ({@link TfFixtures}, VALID padding) give the same layers and the same input gradients, on random
     * inputs and on MNIST digits (whose runs of equal pixels make exact max-pool ties: both graphs
     * route them alike).
     */
    @Test
    void cnnGradientsEqualThoseOfAFlatGraphWithTheSameWeights(@TempDir Path dir) {
        Spec spec = KerasSavedModelFixtures.cnn();
        Conv c1 = (Conv) spec.layer("conv2d");
        Conv c2 = (Conv) spec.layer("conv2d_1");
        Dense d = (Dense) spec.layer("dense");
        TfFixtures.Exported flat = TfFixtures.sequential(org.deepjunit.model.DataType.FLOAT32, 28, 28, 1)
                .conv("conv2d", 3, 3, 1, 4, TestWeights.widen(c1.kernel()), TestWeights.widen(c1.bias()), true, "VALID")
                .maxPool("max_pooling2d", 2)
                .conv(
                        "conv2d_1",
                        3,
                        3,
                        4,
                        8,
                        TestWeights.widen(c2.kernel()),
                        TestWeights.widen(c2.bias()),
                        true,
                        "VALID")
                .maxPool("max_pooling2d_1", 2)
                .flatten("flatten")
                .dense("dense", 200, 10, TestWeights.widen(d.kernel()), TestWeights.widen(d.bias()), "softmax")
                .export(dir);
        TensorFlowModel.Builder b = TensorFlowModel.builder(dir).name("cnn-flat");
        flat.layers().forEach(b::layer);
        try (TensorFlowModel reference = b.build()) {
            for (Tensor x : List.of(randomInputs(), X)) {
                Activations mine = cnn.activations(x);
                Activations theirs = reference.activations(x);
                double worstLayer = mine.output().maxAbsDifference(theirs.output());
                for (String layer : mine.layerNames()) {
                    worstLayer = Math.max(worstLayer, mine.layer(layer).maxAbsDifference(theirs.layer(layer)));
                }
                assertThat(worstLayer).as("layers").isLessThanOrEqualTo(1e-6);
                int[] predicted = cnn.predict(x).argMax();
                Objective.Builder ob = Objective.builder();
                for (int s = 0; s < x.batchSize(); s++) {
                    ob.logit(s, predicted[s], 1.0)
                            .logit(s, (predicted[s] + 1) % 10, -1.0)
                            .neuron(s, "conv2d", s % 4, 0.4)
                            .neuron(s, "max_pooling2d", 1, 0.3)
                            .neuron(s, "conv2d_1", s % 8, -0.2)
                            .neuron(s, "max_pooling2d_1", 5, 0.1);
                }
                Objective o = ob.build();
                Tensor g = cnn.inputGradient(x, o);
                Tensor gFlat = reference.inputGradient(x, o);
                double scale = 0;
                for (double v : gFlat.toDoubleArray()) {
                    scale = Math.max(scale, Math.abs(v));
                }
                double rel = g.maxAbsDifference(gFlat) / scale;
                System.out.printf(
                        "cnn vs flat graph, batch %d: layers max abs diff %.2e, gradient max rel diff %.2e%n",
                        x.batchSize(), worstLayer, rel);
                assertThat(scale).isGreaterThan(1e-3);
                assertThat(rel).as("relative gradient difference").isLessThanOrEqualTo(1e-6);
            }
        }
    }

    private void gradientsMatchFiniteDifferences(String name) {
        Probe p = probe(name);
        TensorFlowModel model = p.model;
        Random rnd = new Random(3);
        double maxErr = 0;
        double h = 1e-3;
        int skipped = 0;
        List<Integer> skippedAt = new ArrayList<>();
        for (int k = 0, checked = 0; checked < 40; k++) {
            int i = probeIndex(k, rnd, p.base.length);
            if (!samePiece(p, i, h)) {
                skipped++;
                skippedAt.add(i);
                continue;
            }
            double fd = (objective(model, step(p.base, i, h), p.hidden, p.predicted)
                            - objective(model, step(p.base, i, -h), p.hidden, p.predicted))
                    / (2 * h);
            double err = Math.abs(fd - p.gradient[i]) / (1e-2 + Math.abs(p.gradient[i]));
            maxErr = Math.max(maxErr, err);
            // 3e-4: float32 round-off of two forward passes over 2h, as TF's kernels give it on each CPU (measured
            // at most 1.9e-4 on an Intel machine with AVX-512, 2.2e-4 on an AMD EPYC with AVX2)
            assertThat(Math.abs(fd - p.gradient[i]))
                    .as("d/dx[" + i + "]")
                    .isLessThan(3e-4 + 2e-3 * Math.abs(p.gradient[i]));
            checked++;
        }
        System.out.printf(
                "%s: float32 FD, max relative error %.2e over 40 input elements; %d probes at a kink "
                        + "within h skipped: %s%n",
                name, maxErr, skipped, skippedAt);
        // The conditioning must not hollow the check out.
        assertThat(skipped).as("probes skipped").isLessThanOrEqualTo(10);
        assertThat(TensorFlowGradientTest.norm(p.gradient)).isGreaterThan(1e-3);
    }

    /** The objective computed from the model's own float32 activations (probabilities and the hidden layer). */
    private static double objective(TensorFlowModel model, double[] x, String hidden, int[] predicted) {
        Activations a = model.activations(Tensor.of(x, 2, 28, 28, 1), List.of(hidden));
        Tensor p = a.output();
        Tensor l = a.layer(hidden);
        double v = Math.log(p.getDouble(0, predicted[0]))
                - Math.log(p.getDouble(0, (predicted[0] + 1) % 10))
                + 0.5 * (Math.log(p.getDouble(1, 3)) - Math.log(p.getDouble(1, 7)));
        v += 0.3 * channelMean(l.sample(0), 1) - 0.2 * channelMean(l.sample(1), 2);
        return v;
    }

    private static double channelMean(Tensor sample, int unit) {
        double[] v = sample.toDoubleArray();
        int c = sample.shape().last();
        double sum = 0;
        for (int i = unit; i < v.length; i += c) {
            sum += v[i];
        }
        return sum / (v.length / c);
    }

    /** The first 10 probes are fixed (the middle row of each sample), the others random. */
    private static int probeIndex(int k, Random rnd, int n) {
        return k < 10 ? 784 * (k % 2) + 14 * 28 + 10 + k : rnd.nextInt(n);
    }

    private static double[] step(double[] base, int i, double h) {
        double[] x = base.clone();
        x[i] += h;
        return x;
    }

    /** A gradient check's setup: the model, its spec, the input, the objective and the model's gradient. */
    private record Probe(
            TensorFlowModel model, Spec spec, String hidden, double[] base, int[] predicted, double[] gradient) {

        /** The objective computed in float64 by the reference forward pass. */
        double reference(double[] x) {
            double v = 0;
            for (int s = 0; s < 2; s++) {
                Map<String, double[]> f = forward(spec, java.util.Arrays.copyOfRange(x, s * 784, (s + 1) * 784));
                double[] p = f.get(spec.layers().get(spec.layers().size() - 1).name());
                double[] l = f.get(hidden);
                int units = hidden.equals("dense") ? 32 : 8;
                v += s == 0
                        ? Math.log(p[predicted[0]]) - Math.log(p[(predicted[0] + 1) % 10]) + 0.3 * mean(l, 1, units)
                        : 0.5 * (Math.log(p[3]) - Math.log(p[7])) - 0.2 * mean(l, 2, units);
            }
            return v;
        }

        private static double mean(double[] v, int unit, int c) {
            double sum = 0;
            for (int i = unit; i < v.length; i += c) {
                sum += v[i];
            }
            return sum / (v.length / c);
        }
    }

    private static Probe probe(String name) {
        TensorFlowModel model = name.equals("dense") ? dense : cnn;
        Spec spec = name.equals("dense") ? KerasSavedModelFixtures.dense() : KerasSavedModelFixtures.cnn();
        String hidden = name.equals("dense") ? "dense" : "conv2d_1";
        Tensor x = randomInputs();
        int[] predicted = model.predict(x).argMax();
        // logit(a) - logit(b) = log p(a) - log p(b): the objective is computable from the probabilities
        Objective o = Objective.builder()
                .logit(0, predicted[0], 1.0)
                .logit(0, (predicted[0] + 1) % 10, -1.0)
                .logit(1, 3, 0.5)
                .logit(1, 7, -0.5)
                .neuron(0, hidden, 1, 0.3)
                .neuron(1, hidden, 2, -0.2)
                .build();
        return new Probe(
                model,
                spec,
                hidden,
                x.toDoubleArray(),
                predicted,
                model.inputGradient(x, o).toDoubleArray());
    }

    /**
     * Whether moving input element {@code i} by ±h keeps every ReLU's sign and every max-pool window's
     * argmax (in the float64 reference forward pass) as at the base point: whether the network stays
     * one smooth function over the finite-difference step.
     */
    private static boolean samePiece(Probe p, int i, double h) {
        int s = i / 784;
        double[] base = java.util.Arrays.copyOfRange(p.base, s * 784, (s + 1) * 784);
        List<Integer> at = new ArrayList<>();
        forward(p.spec, base, at);
        for (double d : new double[] {h, -h}) {
            double[] moved = base.clone();
            moved[i % 784] += d;
            List<Integer> there = new ArrayList<>();
            forward(p.spec, moved, there);
            if (!there.equals(at)) {
                return false;
            }
        }
        return true;
    }
}
