package org.deepjunit.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on DeepXplore's LeNet-5 over MNIST test images, in both adapters. */
class LeNetRobustnessTest {

    /**
     * Max-pool ties on the blank background break differently per framework and move FGSM's robust accuracy by up
     * to ≈30 in 1,000 (STACK.md); the band is fixed here, before looking at the figures.
     */
    private static final double ADAPTER_BAND = 0.04;

    static Dataset mnist(int n) {
        return new Dataset(
                "mnist-test[0," + n + ")",
                Shape.of(28, 28, 1),
                Mnist.images(0, n).toFloatArray(),
                Mnist.labels(0, n));
    }

    @Test
    void fgsmRobustAccuracyAgreesAcrossAdaptersInFloat64(@TempDir Path dir) {
        Dataset data = mnist(1000);
        try (Model dl4j = DeepXploreModels.dl4jFloat64(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("tf"), DataType.FLOAT64)) {
            Robustness onDl4j = Robustness.of(dl4j, data).progress(null);
            Robustness onTf = Robustness.of(tf, data).progress(null);
            double previous = 1;
            for (double eps : new double[] {0.05, 0.1, 0.2}) {
                RobustnessResult a = onDl4j.run(Attacks.fgsm(eps));
                RobustnessResult b = onTf.run(Attacks.fgsm(eps));
                System.out.printf("FGSM eps=%.2f: DL4J %s | TF %s%n", eps, a, b);
                assertThat(a.cleanAccuracy()).isCloseTo(b.cleanAccuracy(), within(0.0015));
                assertThat(a.robustAccuracy()).as("eps %s", eps).isCloseTo(b.robustAccuracy(), within(ADAPTER_BAND));
                assertThat(a.robustAccuracy()).isLessThan(previous).isLessThan(a.cleanAccuracy());
                previous = a.robustAccuracy();
                // every kept example is within ε of its seed and is misclassified when predicted again here
                assertThat(a.examples()).isNotEmpty();
                for (AdversarialExample x : a.examples()) {
                    assertThat(x.linfDistance()).isLessThanOrEqualTo(eps + 1e-9);
                    assertThat(dl4j.predict(x.perturbed()).argMax()[0])
                            .isEqualTo(x.predicted())
                            .isNotEqualTo(x.label());
                    assertThat(dl4j.predict(x.seed()).argMax()[0]).isEqualTo(x.label());
                }
                assertThat(a.successRate()).isCloseTo((double) a.fooled() / a.correct(), within(1e-12));
                assertThat(a.robustAccuracy()).isCloseTo((a.correct() - a.fooled()) / 1000.0, within(1e-12));
            }
        }
    }

    /** Score-based only: it must lower accuracy with a fixed seed, inside the ε-ball and the valid range. */
    @Test
    void squareAttackLowersAccuracyWithoutLeavingTheBallOrTheRange() {
        try (Model lenet = DeepXploreModels.dl4j(LeNet.LENET5)) {
            SquareAttack square = Attacks.square(0.3).queries(150).seed(1);
            RobustnessResult r = Robustness.of(lenet, mnist(60)).progress(null).run(square);
            System.out.println(
                    "Square: " + r + ", queries per input " + r.figures().get("queries per input"));
            assertThat(r.robustAccuracy()).isLessThan(r.cleanAccuracy() - 0.2);
            assertThat(r.queries()).isPositive().isLessThanOrEqualTo(150L * r.correct());
            Tensor x = Mnist.images(0, 20);
            int[] labels = Mnist.labels(0, 20);
            double[] a = square.apply(lenet, x, labels).toDoubleArray();
            double[] c = x.toDoubleArray();
            for (int j = 0; j < a.length; j++) {
                assertThat(a[j]).isBetween(0.0, 1.0);
                assertThat(Math.abs(a[j] - c[j])).isLessThanOrEqualTo(0.3 + 1e-6);
            }
            assertThat(square.apply(lenet, x, labels).toDoubleArray()).containsExactly(a);
        }
    }

    /** 8-bit quantisation: the perturbed evaluation is named for it and predicted on rounded inputs. */
    @Test
    void quantisedRunsPredictOnRoundedInputsAndKeepTheSlices() {
        Dataset data = mnist(200);
        try (Model lenet = DeepXploreModels.dl4j(LeNet.LENET5)) {
            RobustnessResult r = Robustness.of(lenet, data)
                    .progress(null)
                    .quantized8Bit(true)
                    .keepExamples(3)
                    .run(Attacks.fgsm(0.1));
            assertThat(r.perturbed().model()).isEqualTo(lenet.name() + " under fgsm(eps=0.1) 8-bit");
            assertThat(r.perturbed().datasetDigest()).isNotEqualTo(r.clean().datasetDigest());
            assertThat(r.examples()).hasSize(3);
            for (AdversarialExample x : r.examples()) {
                for (double v : x.perturbed().toDoubleArray()) {
                    assertThat(v * 255).isCloseTo(Math.rint(v * 255), within(1e-6));
                }
            }
            assertThat(r.lostInQuantization()).isBetween(0, r.correct());
        }
    }

    /** On the hand-set linear net the FGSM boundary is at ε* = (2·x₀ + 1.5·x₁) / 3.5 (see {@link LinearNets}). */
    @Test
    void minimalPerturbationBisectsToTheDecisionBoundary() {
        float[] x = {0.8f, 0.6f, 0.1f, 0.1f};
        Dataset data = new Dataset("two", Shape.of(2), x, new int[] {0, 1});
        try (Model m = LinearNets.linear(true)) {
            MinimalPerturbation min = Robustness.of(m, data)
                    .progress(null)
                    .minimalPerturbation(Attacks.fgsm(1).range(-1, 1), 30);
            double expected = (2 * (double) x[0] + 1.5 * (double) x[1]) / 3.5;
            // sample 1 (x = [0.1, 0.1]) is classified 0, not its label 1: only sample 0 counts
            assertThat(min.epsilons()).hasSize(1);
            assertThat(min.median()).isCloseTo(expected, within(1e-6));
            assertThat(min.unbroken()).isZero();
            MinimalPerturbation tooSmall = Robustness.of(m, data)
                    .progress(null)
                    .minimalPerturbation(Attacks.fgsm(0.5).range(-1, 1), 5);
            assertThat(tooSmall.median()).isInfinite();
            assertThat(tooSmall.unbroken()).isEqualTo(1);
        }
    }
}
