package org.deepjunit.samples.mnist;

import org.deepjunit.ModelQuality;
import org.deepjunit.Quality;
import org.deepjunit.TestModel;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.QualityGates;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quality gates, as {@code jacoco:check} is for code: each LeNet's accuracy and per-class F1 on the 10,000 MNIST test
 * images, against the baseline a person approved ({@code src/test/resources/deepjunit/approved/
 * org.deepjunit.samples.mnist.LeNetQualityTest.keepsItsQuality.lenet<n>-tf.quality.approved.json} and its
 * {@code .npy} of every image's scores).
 *
 * <p>The accuracy must be at least 97% and may not drop by more than 0.5 percentage points, and a drop only counts when it is significant:
 * McNemar's test pairs the two models image by image. Per-class F1 must stay above 0.95 for every digit. A retrained
 * or converted model that changes the figures writes {@code .received} files beside the approved ones, and passes
 * with a notice while no gate fails; approve them by renaming, or with {@code -Ddeepjunit.quality.approve=true}.
 */
@ModelQuality
class LeNetQualityTest {

    @ParameterizedTest(name = "LeNet-{0}")
    @ValueSource(ints = {1, 4, 5})
    void keepsItsQuality(int n, Quality quality) {
        try (Model lenet = LeNets.tensorflow("lenet" + n, "lenet" + n + "-tf")) {
            Evaluation e = quality.evaluate(lenet, LeNets.mnistTestSet()).slicedBy(Slicing.byClass());
            QualityGates gates = quality.gates(e)
                    .gate(Metrics.ACCURACY, g -> g.atLeast(0.97).maxDrop(0.005));
            for (int digit = 0; digit < 10; digit++) {
                gates.gate(Metrics.f1(digit), g -> g.atLeast(0.95));
            }
            gates.check();
        }
    }
}
