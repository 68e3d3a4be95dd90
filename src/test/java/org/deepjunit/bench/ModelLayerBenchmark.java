package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * The model layer's costs for DeepXplore's LeNet-5 at batch 64 on CPU, both adapters in one run:
 * plain inference, a forward pass returning every layer's output, and an input gradient of a
 * DeepXplore-shaped objective (one logit and one hidden neuron per sample).
 *
 * <p>Run: {@code mvn -B -q test-compile exec:exec@model-benchmark}; optional arguments
 * {@code -Dbench.warmup=20 -Dbench.runs=50}.
 */
public final class ModelLayerBenchmark {

    private ModelLayerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 20);
        int runs = Integer.getInteger("bench.runs", 50);
        int batch = 64;
        Timer timer = new Timer(warmup, runs);
        Tensor images = Mnist.images(0, batch);
        Path dir = Files.createTempDirectory("deepjunit-bench");
        System.out.printf(
                Locale.ROOT,
                "LeNet-5, batch %d, %d warm-up + %d measured runs, %d CPU cores, %s%n",
                batch,
                warmup,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            for (Model model : new Model[] {dl4j, tf}) {
                int[] predicted = model.predict(images).argMax();
                Objective.Builder objective = Objective.builder();
                for (int s = 0; s < batch; s++) {
                    objective.logit(s, predicted[s], -1.0).neuron(s, "fc1", s % 120, 0.1);
                }
                Objective obj = objective.build();
                double[] predict = timer.measure(() -> model.predict(images));
                double[] all = timer.measure(() -> model.activations(images));
                double[] gradient = timer.measure(() -> model.inputGradient(images, obj));
                System.out.printf(Locale.ROOT, "%-10s predict             %s%n", model.name(), Timer.format(predict));
                System.out.printf(
                        Locale.ROOT,
                        "%-10s all layer outputs   %s   (%.2fx predict)%n",
                        model.name(),
                        Timer.format(all),
                        Timer.median(all) / Timer.median(predict));
                System.out.printf(
                        Locale.ROOT,
                        "%-10s input gradient      %s   (%.2fx predict)%n",
                        model.name(),
                        Timer.format(gradient),
                        Timer.median(gradient) / Timer.median(predict));
            }
        }
    }
}
