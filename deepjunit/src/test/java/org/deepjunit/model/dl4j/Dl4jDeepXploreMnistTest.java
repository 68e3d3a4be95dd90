package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DeepXplore's three Keras MNIST models imported through DL4J: accuracy and neuron counts. */
class Dl4jDeepXploreMnistTest {

    static Path resource(String name) {
        try {
            return Path.of(Dl4jDeepXploreMnistTest.class
                    .getResource("/deepxplore-mnist/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dl4jModel lenet(int which) {
        String json = switch (which) {
            case 1 -> "lenet1.json";
            case 2 -> "lenet4.json";
            default -> "lenet5.json";
        };
        return Dl4jModel.importKeras(resource(json), resource("Model" + which + ".h5"));
    }

    @ParameterizedTest
    @CsvSource({"1, 52, 97.88", "2, 148, 98.52", "3, 268, 98.81"})
    void importedModelHasDeepXploresNeuronsAndAccuracy(int which, int neurons, double accuracy) {
        try (Dl4jModel model = lenet(which)) {
            System.out.println("Model" + which + ": " + model.layers());
            assertThat(model.inputShape()).isEqualTo(Shape.of(28, 28, 1));
            assertThat(model.outputShape()).isEqualTo(Shape.of(10));
            List<Layer> layers = model.layers();
            int count = layers.stream()
                    .filter(l -> l.kind().countedByDefault())
                    .mapToInt(Layer::neuronCount)
                    .sum();
            assertThat(count).isEqualTo(neurons);
            assertThat(model.layer("block1_conv1").kind()).isEqualTo(LayerKind.CONVOLUTION);
            assertThat(model.layer("block1_conv1").outputShape()).isEqualTo(Shape.of(28, 28, which == 1 ? 4 : 6));
            assertThat(model.layer("block1_pool1").kind()).isEqualTo(LayerKind.POOLING);
            assertThat(model.layer("block2_pool1").outputShape()).isEqualTo(Shape.of(7, 7, which == 1 ? 12 : 16));
            assertThat(model.layer("flatten").kind()).isEqualTo(LayerKind.FLATTEN);
            assertThat(model.layer("before_softmax").kind()).isEqualTo(LayerKind.DENSE);
            assertThat(model.layer("predictions").kind()).isEqualTo(LayerKind.ACTIVATION);
            assertThat(model.layer("predictions").outputShape()).isEqualTo(Shape.of(10));

            // The logits are reported raw, not with the softmax that the next layer applies (in place, in DL4J).
            org.deepjunit.model.Activations acts = model.activations(Mnist.images(0, 2));
            double[] logits = acts.layer("before_softmax").toDoubleArray();
            double[] probs = acts.layer("predictions").toDoubleArray();
            assertThat(acts.output().toDoubleArray()).containsExactly(probs);
            for (int s = 0; s < 2; s++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 10; j++) {
                    max = Math.max(max, logits[s * 10 + j]);
                }
                double sum = 0;
                for (int j = 0; j < 10; j++) {
                    sum += Math.exp(logits[s * 10 + j] - max);
                }
                for (int j = 0; j < 10; j++) {
                    assertThat(probs[s * 10 + j]).isCloseTo(Math.exp(logits[s * 10 + j] - max) / sum, within(1e-5));
                }
                assertThat(max).as("logits are not probabilities").isGreaterThan(1.5);
            }

            int correct = 0;
            for (int from = 0; from < Mnist.SIZE; from += 500) {
                Tensor probabilities = model.predict(Mnist.images(from, from + 500));
                int[] predicted = probabilities.argMax();
                int[] labels = Mnist.labels(from, from + 500);
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == labels[i]) {
                        correct++;
                    }
                }
            }
            double measured = 100.0 * correct / Mnist.SIZE;
            System.out.printf("Model%d accuracy %.2f%%, %d neurons%n", which, measured, count);
            assertThat(measured).isCloseTo(accuracy, within(0.05));
        }
    }

    /** LeNet-1 written as a Keras Sequential model imports as a MultiLayerNetwork and classifies the same. */
    @org.junit.jupiter.api.Test
    void sequentialArchitectureImportsAsMultiLayerNetwork() {
        try (Dl4jModel sequential = Dl4jModel.keras(resource("lenet1-sequential.json"), resource("Model1.h5"))
                        .name("lenet1-seq")
                        .build();
                Dl4jModel functional = lenet(1)) {
            assertThat(sequential.name()).isEqualTo("lenet1-seq");
            assertThat(functional.name()).isEqualTo("lenet1"); // the architecture file's name
            assertThat(sequential.toString()).contains("MultiLayerNetwork");
            assertThat(sequential.inputShape()).isEqualTo(Shape.of(28, 28, 1));
            int count = sequential.layers().stream()
                    .filter(l -> l.kind().countedByDefault())
                    .mapToInt(Layer::neuronCount)
                    .sum();
            assertThat(count).isEqualTo(52);
            Tensor x = Mnist.images(0, 200);
            assertThat(sequential.predict(x).maxAbsDifference(functional.predict(x)))
                    .isLessThan(1e-5);
            assertThat(sequential
                            .activations(x)
                            .layer("block2_pool1")
                            .maxAbsDifference(functional.activations(x).layer("block2_pool1")))
                    .isLessThan(1e-5);
            org.deepjunit.model.Objective objective = org.deepjunit.model.Objective.builder()
                    .logit(3, 1.0)
                    .neuron("block1_conv1", 1, 0.5)
                    .build();
            assertThat(sequential
                            .inputGradient(x.samples(0, 4), objective)
                            .maxAbsDifference(functional.inputGradient(x.samples(0, 4), objective)))
                    .isLessThan(1e-5);
        }
    }
}
