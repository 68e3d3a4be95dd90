package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.ModelQuality;
import org.deepjunit.Quality;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.robustness.Attacks;
import org.deepjunit.robustness.Corruption;
import org.deepjunit.robustness.Norm;
import org.deepjunit.robustness.Robustness;
import org.deepjunit.robustness.RobustnessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Robustness gates for LeNet-5 (TensorFlow) on the first 1,000 MNIST test images: robust accuracy under FGSM at
 * three radii and under PGD, and accuracy under each common corruption, each at least a floor and, against the
 * approved baseline (a person approved it like the quality baselines), not significantly lower by more than two
 * points. A retrained model that is as accurate but more fragile fails here while {@link LeNetQualityTest} passes.
 * The adversarial examples land in {@code target/deepjunit/robustness/}, each beside its seed.
 */
@ModelQuality
class LeNetRobustnessTest {

    private static Model lenet5;
    private static Dataset first1000;

    @BeforeAll
    static void load() {
        lenet5 = LeNets.tensorflow("lenet5", "lenet5-tf");
        first1000 = LeNets.mnistTestSet(1000);
    }

    @AfterAll
    static void close() {
        lenet5.close();
    }

    private static Robustness robustness() {
        return Robustness.of(lenet5, first1000);
    }

    @ParameterizedTest(name = "FGSM ε = {0}")
    @CsvSource({"0.05, 0.85", "0.1, 0.55", "0.2, 0.03"})
    void resistsFgsm(double epsilon, double floor, Quality quality) {
        RobustnessResult fgsm = quality.robustness(robustness(), Attacks.fgsm(epsilon));
        quality.gates(fgsm.perturbed()).gate(Metrics.ACCURACY, g -> g.atLeast(floor).maxDrop(0.02)).check();
    }

    @Test
    void resistsPgd(Quality quality) {
        RobustnessResult pgd = quality.robustness(robustness(), Attacks.pgd(Norm.LINF, 0.1).steps(10).seed(1));
        quality.gates(pgd.perturbed()).gate(Metrics.ACCURACY, g -> g.atLeast(0.3).maxDrop(0.02)).check();
    }

    /** LeNet-5 has no translation invariance beyond its pooling: a shift of three pixels halves its accuracy. */
    @ParameterizedTest(name = "{0}, severity 3")
    @CsvSource({
        "GAUSSIAN_NOISE, 0.95", "GAUSSIAN_BLUR, 0.95", "BRIGHTNESS, 0.9", "CONTRAST, 0.85", "ROTATION, 0.9",
        "TRANSLATION, 0.45"
    })
    void withstandsCommonCorruptions(Corruption.Type type, double floor, Quality quality) {
        RobustnessResult corrupted = quality.robustness(robustness(), Corruption.of(type, 3));
        quality.gates(corrupted.perturbed()).gate(Metrics.ACCURACY, g -> g.atLeast(floor).maxDrop(0.02)).check();
    }

    /** Half of the digits need a change of more than 0.08 per pixel before FGSM turns them (recorded in the history). */
    @Test
    void needsAVisibleChangeToBeFooled(Quality quality) {
        double median = quality.minimalPerturbation(Robustness.of(lenet5, LeNets.mnistTestSet(200)), Attacks.fgsm(0.3), 6)
                .median();
        assertThat(median).isGreaterThan(0.08);
    }
}
