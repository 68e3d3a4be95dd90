package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.DifferentialAgainst;
import org.deepjunit.model.Model;
import org.deepjunit.TestModel;
import org.deepjunit.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The same model, another deployment: DeepXplore's LeNet-1 as trained (DL4J, Keras import) against the TensorFlow
 * build a device would serve, its weights quantised to 8-bit fixed point ({@code models/lenet1-q8}). Every batch the
 * test classifies with the DL4J model also goes through the quantised one, and the two must agree on the top-1
 * class and every probability within 0.1 (+1%).
 *
 * <p>They do not on {@value #SAMPLE} images: quantisation moves some probabilities by more than 0.1 and changes the
 * answer on a few digits. A person looked at those inputs and recorded the correct answer for each in
 * {@code src/test/resources/deepjunit/approved/org.deepjunit.samples.mnist.LeNetDifferentialTest.classifiesTheFirstThousandDigits.approved.json}
 * (here: the MNIST label). The test passes because every disagreement is approved, and it checks both models against
 * those verdicts on every run: an input that a future model answers differently, or a new disagreement, fails it.
 */
@DifferentialAgainst(model = "lenet1", reference = "lenet1-q8", absoluteTolerance = 0.1)
class LeNetDifferentialTest {

    static final int SAMPLE = 1000;

    @TestModel("lenet1")
    static Model lenet1() {
        return LeNets.dl4j(1);
    }

    @TestModel("lenet1-q8")
    static Model lenet1Quantised() {
        return LeNets.tensorflow("lenet1-q8", "lenet1-q8");
    }

    @Test
    void classifiesTheFirstThousandDigits(@TestModel("lenet1") Model lenet1) {
        Dataset mnist = LeNets.mnistTestSet();
        int correct = 0;
        for (int from = 0; from < SAMPLE; from += 100) {
            int[] indices = LeNetAccuracyTest.range(from, from + 100);
            int[] predicted = lenet1.predict(mnist.batch(indices)).argMax();
            for (int i = 0; i < indices.length; i++) {
                correct += predicted[i] == mnist.label(indices[i]).getAsInt() ? 1 : 0;
            }
        }
        assertThat(correct).as("digits LeNet-1 classifies correctly of the first %d", SAMPLE)
                .isGreaterThanOrEqualTo(SAMPLE * 96 / 100);
    }
}
