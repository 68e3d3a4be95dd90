package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.model.dl4j.Dl4jTestNets.relativeError;

import org.deepjunit.model.DataType;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.api.Test;

/** Input gradients of DeepXplore's Keras LeNet-5 (NHWC convolutions, Keras flatten order) against finite differences. */
class Dl4jKerasGradientTest {

    private static final Dl4jTestNets.Logits BEFORE_SOFTMAX = acts -> acts.layer("before_softmax");

    /** Pixels on and around the stroke of test image 0 (a 7), as flat indices of [1, 28, 28, 1]. */
    private static final int[] PIXELS = {
        7 * 28 + 10, 8 * 28 + 14, 10 * 28 + 18, 12 * 28 + 17, 15 * 28 + 15, 18 * 28 + 13, 20 * 28 + 12, 22 * 28 + 11
    };

    private static final Objective OBJECTIVE = Objective.builder()
            .logit(7, 1.0)
            .logit(0, 3, -0.5)
            .neuron("block1_conv1", 2, 0.1)
            .neuron("block2_pool1", 5, 0.2)
            .neuron("fc1", 17, 0.1)
            .build();

    /**
     * MNIST images plus a little noise: on the exact zeros of a raw image, neighbouring convolution
     * outputs tie inside max-pooling windows, where the function has no derivative and central
     * differences see half of one.
     */
    static Tensor noisyImages(int from, int to) {
        double[] px = Mnist.images(from, to).toDoubleArray();
        java.util.Random random = new java.util.Random(from);
        for (int i = 0; i < px.length; i++) {
            px[i] += 0.05 * random.nextDouble();
        }
        return Tensor.of(px, to - from, 28, 28, 1);
    }

    @Test
    void float32LeNet5MatchesFiniteDifferencesOnPixels() {
        try (Dl4jModel model = Dl4jDeepXploreMnistTest.lenet(3)) {
            assertThat(model.dataType()).isEqualTo(DataType.FLOAT32);
            Tensor x = noisyImages(0, 1).as(DataType.FLOAT32);
            Tensor g = model.inputGradient(x, OBJECTIVE);
            double[] analytic = new double[PIXELS.length];
            for (int k = 0; k < PIXELS.length; k++) {
                analytic[k] = g.getDouble(PIXELS[k]);
            }
            double[] numeric = Dl4jTestNets.finiteDifferences(model, x, OBJECTIVE, BEFORE_SOFTMAX, 1e-3, PIXELS);
            double err = relativeError(analytic, numeric);
            System.out.println("analytic " + java.util.Arrays.toString(analytic) + "\nnumeric  "
                    + java.util.Arrays.toString(numeric));
            System.out.printf("FD LeNet-5 float32, %d pixels: relative error %.3e%n", PIXELS.length, err);
            assertThat(err).isLessThan(2e-2);
        }
    }

    /** The same imported graph converted to double precision: every pixel of two images, tight tolerance. */
    @Test
    void doubleLeNet5MatchesFiniteDifferencesEverywhere() throws Exception {
        ComputationGraph graph = Hdf5Access.locked(() -> KerasModelImport.importKerasModelAndWeights(
                Dl4jDeepXploreMnistTest.resource("lenet5.json").toString(),
                Dl4jDeepXploreMnistTest.resource("Model3.h5").toString(),
                false));
        ComputationGraph doubles = graph.convertDataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        try (Dl4jModel model = Dl4jModel.builder(doubles).inputShape(28, 28, 1).build()) {
            assertThat(model.dataType()).isEqualTo(DataType.FLOAT64);
            Tensor x = noisyImages(0, 2);
            int[] indices = java.util.stream.IntStream.range(0, 2 * 784)
                    .filter(i -> i % 4 == 1)
                    .toArray();
            Tensor g = model.inputGradient(x, OBJECTIVE);
            double[] analytic = new double[indices.length];
            for (int k = 0; k < indices.length; k++) {
                analytic[k] = g.getDouble(indices[k]);
            }
            double[] numeric = Dl4jTestNets.finiteDifferences(model, x, OBJECTIVE, BEFORE_SOFTMAX, 1e-6, indices);
            double err = relativeError(analytic, numeric);
            System.out.printf("FD LeNet-5 double, %d input elements: relative error %.3e%n", indices.length, err);
            assertThat(err).isLessThan(1e-6);
        }
    }
}
