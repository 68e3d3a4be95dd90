package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.robustness.Attack;
import org.deepjunit.robustness.Attacks;
import org.deepjunit.robustness.Norm;
import org.deepjunit.robustness.Robustness;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * What attacks cost on DeepXplore's LeNet-5 (float32), in both adapters, on the first 64 MNIST test images:
 * <ol>
 *   <li>plain inference of the batch, for scale;</li>
 *   <li>PGD-20 (L∞, ε = 0.1, random start) on the batch of 64: 20 gradient steps and a final prediction;</li>
 *   <li>the Square attack (ε = 0.3, at most 200 queries per image) through {@link Robustness}: model queries per
 *       second (the run's clean and final predictions of the batch included in the time, not in the count).</li>
 * </ol>
 * Median and p90 of {@code bench.runs} runs after as many warm-up runs. Run:
 * {@code mvn -B -q -pl deepjunit test-compile exec:exec@robustness-benchmark} with optional {@code -Dbench.args="-Dbench.runs=10"}.
 */
public final class RobustnessBenchmark {

    private RobustnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path dir = Files.createTempDirectory("deepjunit-robustnessbench");
        Tensor images = Mnist.images(0, 64);
        int[] labels = Mnist.labels(0, 64);
        Dataset data = new Dataset("mnist-64", Shape.of(28, 28, 1), images.toFloatArray(), labels);
        System.out.printf(
                Locale.ROOT,
                "Attack cost, LeNet-5, batch of 64 MNIST images, %d runs after %d warm-up, %d CPU cores, %s%n",
                runs,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            for (Model model : new Model[] {dl4j, tf}) {
                Timer timer = new Timer(runs, runs);
                double[] predict = timer.measure(() -> model.predict(images));
                Attack pgd = Attacks.pgd(Norm.LINF, 0.1).steps(20).seed(1);
                double[] pgd20 = timer.measure(() -> pgd.apply(model, images, labels));
                Attack square = Attacks.square(0.3).queries(200).seed(1);
                Robustness runner = Robustness.of(model, data).progress(null);
                long[] queries = new long[1];
                double[] squareMs =
                        timer.measure(() -> queries[0] = runner.run(square).queries());
                Results.row("robustness", model.name() + " predict, batch 64", predict);
                Results.row("robustness", model.name() + " PGD-20, batch 64", pgd20, "predict", predict);
                Results.row("robustness", model.name() + " Square, ≤200 queries per image", squareMs);
                System.out.printf(
                        Locale.ROOT,
                        "%-14s Square: %,.0f queries/s (%,d queries)%n",
                        model.name(),
                        queries[0] / (Timer.median(squareMs) / 1000),
                        queries[0]);
            }
        }
    }
}
