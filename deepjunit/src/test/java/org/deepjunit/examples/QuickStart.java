package org.deepjunit.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * The library's smoke example: loads DeepXplore's MNIST LeNets through DL4J's Keras importer and
 * as TensorFlow twins, classifies MNIST test images with both, and prints their layers, neuron
 * counts, accuracies and how closely the two frameworks agree.
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@quick-start}.
 */
public final class QuickStart {

    private QuickStart() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("quickstart.images", 2000);
        Tensor images = Mnist.images(0, n);
        int[] labels = Mnist.labels(0, n);
        Path dir = Files.createTempDirectory("deepjunit-quickstart");
        for (LeNet lenet : LeNet.values()) {
            try (Model dl4j = DeepXploreModels.dl4j(lenet);
                    Model tf = DeepXploreModels.tensorflow(lenet, dir.resolve(lenet.modelName()))) {
                System.out.printf(
                        Locale.ROOT, "%n%s: input %s, output %s%n", dl4j.name(), dl4j.inputShape(), dl4j.outputShape());
                int neurons = 0;
                for (Layer layer : dl4j.layers()) {
                    boolean counted = layer.kind().countedByDefault();
                    neurons += counted ? layer.neuronCount() : 0;
                    System.out.printf(
                            Locale.ROOT,
                            "  %-16s %-13s %-14s %s%n",
                            layer.name(),
                            layer.kind().name().toLowerCase(Locale.ROOT),
                            layer.outputShape(),
                            counted ? layer.neuronCount() + " neurons" : "not counted");
                }
                Tensor pDl4j = dl4j.predict(images);
                Tensor pTf = tf.predict(images);
                System.out.printf(
                        Locale.ROOT,
                        "  %d neurons; accuracy on %d MNIST test images: DL4J %.2f%%,"
                                + " TensorFlow %.2f%%; max |DL4J - TF| output difference %.2e%n",
                        neurons,
                        n,
                        accuracy(pDl4j, labels),
                        accuracy(pTf, labels),
                        pDl4j.maxAbsDifference(pTf));
                Tensor seed = images.sample(0);
                Tensor gradient = dl4j.inputGradient(
                        seed, Objective.builder().logit(labels[0], 1.0).build());
                System.out.printf(
                        Locale.ROOT,
                        "  gradient of logit %d w.r.t. image 0: L2 norm %.4f%n",
                        labels[0],
                        norm(gradient));
            }
        }
    }

    private static double accuracy(Tensor probabilities, int[] labels) {
        int[] predicted = probabilities.argMax();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return 100.0 * correct / labels.length;
    }

    private static double norm(Tensor t) {
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            sum += t.getDouble(i) * t.getDouble(i);
        }
        return Math.sqrt(sum);
    }
}
