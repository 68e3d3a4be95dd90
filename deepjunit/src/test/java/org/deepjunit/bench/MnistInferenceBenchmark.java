package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * Issue 19's side-by-side measure: plain inference of DeepXplore's LeNet-5 over the 10,000 MNIST test images in
 * batches of 64, with DL4J and TensorFlow, as the PyTorch peer ({@code src/test/python/pytorch_peer.py}) times it:
 * the median of {@code -Dbench.passes} whole passes (default 5) after one, and each build's accuracy (98.81%). The
 * header says whether ND4J runs on its oneDNN natives ({@code -Pdl4j-onednn}) and on how many threads.
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@inference-benchmark}.
 */
public final class MnistInferenceBenchmark {

    private MnistInferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int passes = Integer.getInteger("bench.passes", 5);
        List<Tensor> batches = new ArrayList<>();
        for (int from = 0; from < Mnist.SIZE; from += 64) {
            batches.add(Mnist.images(from, Math.min(Mnist.SIZE, from + 64)));
        }
        int[] labels = Mnist.labels(0, Mnist.SIZE);
        System.out.printf(
                Locale.ROOT,
                "LeNet-5, the %d MNIST test images in batches of 64, median of %d passes after 1, %d CPU cores, %s%n",
                Mnist.SIZE,
                passes,
                Runtime.getRuntime().availableProcessors(),
                Results.nd4j());
        Path dir = Files.createTempDirectory("deepjunit-bench");
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            for (Model model : new Model[] {dl4j, tf}) {
                int[] correct = new int[1];
                double[] ms = new Timer(1, passes).measure(() -> correct[0] = correct(model, batches, labels));
                Results.row("inference", model.name() + " 10,000 images", ms);
                System.out.printf(Locale.ROOT, "%s accuracy %.2f%%%n", model.name(), correct[0] * 100.0 / Mnist.SIZE);
            }
        }
    }

    private static int correct(Model model, List<Tensor> batches, int[] labels) {
        int correct = 0;
        int at = 0;
        for (Tensor batch : batches) {
            for (int predicted : model.predict(batch).argMax()) {
                correct += predicted == labels[at++] ? 1 : 0;
            }
        }
        return correct;
    }
}
