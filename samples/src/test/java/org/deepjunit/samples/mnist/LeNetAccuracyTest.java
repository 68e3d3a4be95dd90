package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.model.Model;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.model.Tensor;
import org.deepjunit.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain model tests, as you would write them without DeepJUnit: DeepXplore's LeNets classify the whole
 * MNIST test set as well as published, and every digit well. {@code @NeuronCoverage} records which neurons
 * these tests activate (the threshold t = 0.25 comes from {@code junit-platform.properties}) and gates the
 * class like a JaCoCo check: each model must reach NC &ge; {@value #MODEL_NC} (LeNet-1 reaches 0.56, LeNet-4 0.74,
 * LeNet-5 0.82), and in every layer at least {@value #LAYER_TKNC} of the neurons must be among their layer's two
 * most active (TKNC) for some digit. The pom adds a project-wide gate, NC &ge; 0.50 for every model of every
 * {@code @NeuronCoverage} class. The verdicts are in {@code target/deepjunit/criteria.html}.
 */
@NeuronCoverage(rules = {
        @CoverageRule(element = Element.MODEL, criterion = Criterion.NC, minimum = LeNetAccuracyTest.MODEL_NC),
        @CoverageRule(element = Element.LAYER, criterion = Criterion.TKNC, minimum = LeNetAccuracyTest.LAYER_TKNC)})
class LeNetAccuracyTest {

    static final double MODEL_NC = 0.55;
    static final double LAYER_TKNC = 0.30;

    /** Batches keep the forward passes' memory small; coverage is recorded for each. */
    static final int BATCH = 1000;

    @ParameterizedTest(name = "LeNet-{0} classifies the MNIST test set with {1}% accuracy")
    @CsvSource({"1, 97.88", "4, 98.52", "5, 98.81"})
    void classifiesTheMnistTestSetAsPublished(int lenet, double publishedAccuracy) {
        Dataset mnist = LeNets.mnistTestSet();
        int[] correctPerDigit = new int[10];
        int[] perDigit = new int[10];
        try (Model model = LeNets.dl4j(lenet)) {
            for (int from = 0; from < mnist.size(); from += BATCH) {
                int[] indices = range(from, Math.min(from + BATCH, mnist.size()));
                Tensor probabilities = model.predict(mnist.batch(indices));
                int[] predicted = probabilities.argMax();
                for (int i = 0; i < indices.length; i++) {
                    int label = mnist.label(indices[i]).getAsInt();
                    perDigit[label]++;
                    correctPerDigit[label] += predicted[i] == label ? 1 : 0;
                }
            }
        }
        int correct = 0;
        for (int digit = 0; digit < 10; digit++) {
            correct += correctPerDigit[digit];
            assertThat(100.0 * correctPerDigit[digit] / perDigit[digit])
                    .as("LeNet-%d's recall of digit %d", lenet, digit)
                    .isGreaterThan(94.0);
        }
        assertThat(100.0 * correct / mnist.size()).as("LeNet-%d's accuracy", lenet)
                .isCloseTo(publishedAccuracy, within(0.05));
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
