package org.deepjunit.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input gradients of an ONNX model, which ONNX Runtime cannot compute: from a TensorFlow twin (exact), and estimated
 * by finite differences and SPSA, both measured against the twin's exact gradient.
 */
class OnnxGradientsTest {

    @TempDir
    static Path dir;

    private static Path lenet5;
    private static Tensor images;
    private static final Objective OBJECTIVE = Objective.builder()
            .logit(Objective.ALL_SAMPLES, 3, 1.0)
            .logit(Objective.ALL_SAMPLES, 5, -0.5)
            .neuron(Objective.ALL_SAMPLES, "fc1", 7, 0.2)
            .build();

    @BeforeAll
    static void write() {
        lenet5 = OnnxLeNets.write(LeNet.LENET5, dir);
        images = Mnist.images(0, 4);
    }

    @Test
    void aTwinGivesItsExactGradientsAndTheOnnxModelStillPredicts() {
        try (TensorFlowModel exact = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("exact"));
                OnnxModel onnx = OnnxModel.builder(lenet5)
                        .gradientsFrom(DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("twin")))
                        .build()) {
            assertThat(onnx.inputGradient(images, OBJECTIVE)).isEqualTo(exact.inputGradient(images, OBJECTIVE));
            assertThat(onnx.gradientSource()).isEqualTo("exact, from twin 'lenet5-tf'");
        }
    }

    @Test
    void aTwinWithOtherWeightsIsRefusedWhenTheModelIsBuilt() {
        DeepXploreModels.export(LeNet.LENET5, dir.resolve("other"), w -> w * 1.1);
        Model other = TensorFlowModel.load(dir.resolve("other"));
        assertThatThrownBy(() -> OnnxModel.builder(lenet5).gradientsFrom(other).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("disagrees with ONNX model 'lenet5'")
                .hasMessageContaining("not hold the same weights");
    }

    @Test
    void finiteDifferencesAgreeWithTheExactGradient() {
        try (TensorFlowModel exact = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("fd"));
                OnnxModel onnx = OnnxModel.builder(lenet5)
                        .estimatedGradients(GradientEstimate.finiteDifferences())
                        .build()) {
            Tensor expected = exact.inputGradient(images, OBJECTIVE);
            long start = System.nanoTime();
            Tensor estimated = onnx.inputGradient(images, OBJECTIVE);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int s = 0; s < images.batchSize(); s++) {
                Tensor ink = images.sample(s);
                Tensor a = estimated.sample(s);
                Tensor b = expected.sample(s);
                double onInk = cosine(masked(a, ink, true), masked(b, ink, true));
                double inkError = relativeError(masked(a, ink, true), masked(b, ink, true));
                double onBackground = cosine(masked(a, ink, false), masked(b, ink, false));
                System.out.printf(
                        "finite differences, sample %d: cosine %.4f on ink (relative L2 error %.4f),"
                                + " %.4f on the background, %.4f overall%n",
                        s, onInk, inkError, onBackground, cosine(a, b));
                // Where pixels are ink the network is smooth and the estimate is the gradient; on the flat
                // background max-pool windows tie, and differences average both sides of the kink.
                assertThat(onInk).as("sample %d", s).isGreaterThan(0.999);
                assertThat(inkError).as("sample %d", s).isLessThan(0.05);
                assertThat(cosine(a, b)).as("sample %d", s).isGreaterThan(0.85);
            }
            System.out.printf(
                    "finite differences: %.3f s for %d samples (%s)%n",
                    seconds, images.batchSize(), onnx.gradientSource());
        }
    }

    @Test
    void spsaPointsUphillAndIsReproducibleFromItsSeed() {
        try (TensorFlowModel exact = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("spsa"));
                OnnxModel onnx = OnnxModel.builder(lenet5)
                        .estimatedGradients(GradientEstimate.spsa(200, 1e-2, 7))
                        .build()) {
            Tensor expected = exact.inputGradient(images, OBJECTIVE);
            Tensor estimated = onnx.inputGradient(images, OBJECTIVE);
            assertThat(onnx.inputGradient(images, OBJECTIVE)).isEqualTo(estimated);
            for (int s = 0; s < images.batchSize(); s++) {
                double cosine = cosine(estimated.sample(s), expected.sample(s));
                System.out.printf("SPSA (200 directions), sample %d: cosine %.3f%n", s, cosine);
                assertThat(cosine).as("sample %d", s).isGreaterThan(0.2);
            }
            assertThat(onnx.gradientSource()).contains("SPSA (200 directions").contains("400 forward passes");
        }
    }

    /** {@code t} where the image has ink (or, with {@code ink} false, where it has none), zero elsewhere. */
    static Tensor masked(Tensor t, Tensor image, boolean ink) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if ((image.getDouble(i) > 0) != ink) {
                v[i] = 0;
            }
        }
        return Tensor.wrap(v, t.shape());
    }

    static double cosine(Tensor a, Tensor b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.getDouble(i) * b.getDouble(i);
            na += a.getDouble(i) * a.getDouble(i);
            nb += b.getDouble(i) * b.getDouble(i);
        }
        return dot / Math.sqrt(na * nb);
    }

    static double relativeError(Tensor a, Tensor b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.size(); i++) {
            diff += Math.pow(a.getDouble(i) - b.getDouble(i), 2);
            norm += b.getDouble(i) * b.getDouble(i);
        }
        return Math.sqrt(diff / norm);
    }
}
