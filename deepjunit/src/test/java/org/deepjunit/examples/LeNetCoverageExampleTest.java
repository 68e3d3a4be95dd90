package org.deepjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @NeuronCoverage} as a user writes it: ordinary accuracy tests of DeepXplore's LeNet-5 (TensorFlow twin);
 * every forward pass they make is recorded, the class must reach 50% NC at t = 0.25, and at the end of the run
 * the report lands in {@code target/deepjunit/} with a summary line per model.
 */
@NeuronCoverage(threshold = 0.25, rules = @CoverageRule(element = Element.MODEL, minimum = 0.5))
class LeNetCoverageExampleTest {

    static Model lenet;

    @BeforeAll
    static void load(@TempDir Path dir) {
        lenet = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"));
    }

    @AfterAll
    static void close() {
        lenet.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 200})
    void classifiesMostDigitsCorrectly(int from) {
        Tensor images = Mnist.images(from, from + 100);
        int[] labels = Mnist.labels(from, from + 100);
        int[] predicted = lenet.predict(images).argMax();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(90);
    }

    /**
     * A blank image is no digit: LeNet-5 spreads its probability almost evenly over the ten classes.
     * Measured: 0.084 (class 4) to 0.126 (class 8). A bar of 0.3 leaves a 2.4x margin over the largest
     * and is still far from a confident answer (a one-hot answer has 1.0).
     */
    @Test
    void blankImageIsNotConfidentlyADigit() {
        Tensor blank = Tensor.zeros(
                org.deepjunit.model.DataType.FLOAT32, lenet.inputShape().withBatch(1));
        Tensor p = lenet.predict(blank);
        assertThat(p.size()).isEqualTo(10);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < p.size(); i++) {
            max = Math.max(max, p.getDouble(i));
            sum += p.getDouble(i);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(max).as("largest class probability on a blank image").isLessThan(0.3);
    }
}
