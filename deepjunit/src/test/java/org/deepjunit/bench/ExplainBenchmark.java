package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.explain.Attribution;
import org.deepjunit.explain.Explain;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * What an explanation costs per input on DeepXplore's LeNet-5, both adapters in one run:
 * <ol>
 *   <li>the floor: one input gradient of a batch of 50 (what 50 path points need at least);</li>
 *   <li>integrated gradients, 50 steps, internal batch 50 (one gradient call) and 10 (five calls), per input;</li>
 *   <li>SmoothGrad (50 noisy copies) and occlusion (4x4 patches, stride 2: 169 copies), per input.</li>
 * </ol>
 * Each run explains the next of 20 MNIST test images. Median and p90 of {@code bench.runs} runs after
 * {@code bench.warmup} warm-up runs. Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@explain-benchmark} with optional
 * {@code -Dbench.args="-Dbench.runs=20"}.
 */
public final class ExplainBenchmark {

    private ExplainBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 5);
        int runs = Integer.getInteger("bench.runs", 20);
        Timer timer = new Timer(warmup, runs);
        Tensor images = Mnist.images(0, 20);
        Tensor fifty = Mnist.images(0, 50);
        Path dir = Files.createTempDirectory("deepjunit-explainbench");
        System.out.printf(
                Locale.ROOT,
                "Explanations per input, LeNet-5, %d warm-up + %d measured runs, %d CPU cores, %s%n",
                warmup,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            for (Model model : new Model[] {tf, dl4j}) {
                int[] next = {0};
                Objective logit = Objective.builder().logit(0, 1.0).build();
                double[] floor = timer.measure(() -> model.inputGradient(fifty, logit));
                double[] worst = {0};
                double[] ig50 = timer.measure(() -> {
                    Attribution a = Explain.integratedGradients(model)
                            .steps(50)
                            .internalBatchSize(50)
                            .explain(images.sample(next[0]++ % 20));
                    worst[0] = Math.max(worst[0], a.relativeCompletenessError());
                });
                double[] ig10 = timer.measure(() -> Explain.integratedGradients(model)
                        .steps(50)
                        .internalBatchSize(10)
                        .explain(images.sample(next[0]++ % 20)));
                double[] smooth = timer.measure(
                        () -> Explain.smoothGrad(model).samples(50).explain(images.sample(next[0]++ % 20)));
                double[] occlusion = timer.measure(
                        () -> Explain.occlusion(model).patch(4, 4).stride(2, 2).explain(images.sample(next[0]++ % 20)));
                String base = "the floor";
                Results.row("explain", model.name() + " input gradient, batch of 50 (the floor)", floor);
                Results.row("explain", model.name() + " integrated gradients, 50 steps, batch 50", ig50, base, floor);
                Results.row("explain", model.name() + " integrated gradients, 50 steps, batch 10", ig10, base, floor);
                Results.row("explain", model.name() + " SmoothGrad, 50 copies", smooth, base, floor);
                Results.row("explain", model.name() + " occlusion 4x4 stride 2 (169 copies)", occlusion, base, floor);
                System.out.printf(
                        Locale.ROOT,
                        "%-10s worst completeness error of IG (50 steps) over the inputs: %.2f%%%n",
                        model.name(),
                        100 * worst[0]);
            }
        }
    }
}
