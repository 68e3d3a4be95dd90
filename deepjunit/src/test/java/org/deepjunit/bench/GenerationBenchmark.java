package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.generation.Constraints;
import org.deepjunit.generation.CoverageTracker;
import org.deepjunit.generation.DeepXplore;
import org.deepjunit.generation.Rngs;
import org.deepjunit.model.Model;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;

/**
 * DEEPXPLORE on DeepXplore's LeNet-1/4/5 (all three models jointly) with the paper's MNIST settings
 * (λ1 = 1, λ2 = 0.1, s = 10, t = 0, lighting, 50 iterations):
 * <ol>
 *   <li>time to the first difference-inducing input: seeds searched one at a time, the time from
 *       the start of a seed's search to its disagreement, median and p90 over the seeds that gave one;</li>
 *   <li>2,000 seeds in batches of 64, {@code bench.repeats} times (default 3): difference-inducing inputs found,
 *       neuron coverage reached, and the median time.</li>
 * </ol>
 * Framework: {@code -Dbench.framework=tf} (default; the TensorFlow twins) or {@code dl4j}
 * (DL4J's Keras import; slower, use fewer seeds). Run:
 * {@code mvn -B -q -pl deepjunit test-compile exec:exec@generation-benchmark} with optional
 * {@code -Dbench.args="-Dbench.seeds=2000 -Dbench.single=30 -Dbench.framework=tf"}.
 */
public final class GenerationBenchmark {

    private GenerationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seedCount = Integer.getInteger("bench.seeds", 2000);
        int single = Integer.getInteger("bench.single", 30);
        int batch = Integer.getInteger("bench.batch", 64);
        int repeats = Integer.getInteger("bench.repeats", 3);
        String framework = System.getProperty("bench.framework", "tf");
        Path dir = Files.createTempDirectory("deepjunit-genbench");
        Dataset mnist = Datasets.load(
                "classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);
        List<Model> models = new ArrayList<>();
        for (LeNet net : LeNet.values()) {
            models.add(
                    framework.equals("dl4j")
                            ? DeepXploreModels.dl4j(net)
                            : DeepXploreModels.tensorflow(net, dir.resolve(net.modelName())));
        }
        DeepXplore.Settings paper = new DeepXplore.Settings(1, 0.1, 10, 0, 50, Constraints.lighting(), 0, 1, null);
        System.out.printf(
                Locale.ROOT,
                "DEEPXPLORE, LeNet-1/4/5 (%s), lambda1=1 lambda2=0.1 s=10 t=0, lighting, "
                        + "50 iterations, %d CPU cores, %s%s%n",
                framework,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                framework.equals("dl4j") ? ", " + Results.nd4j() : "");
        try {
            // warm-up: graph building, JIT
            new DeepXplore(models, paper).search(mnist.batch(new int[] {9999, 9998}), new int[] {9999, 9998}, null, 1);

            int[] ids = Rngs.sample(mnist.size(), Math.max(single, seedCount), 2017);
            DeepXplore one = new DeepXplore(models, paper);
            List<Double> times = new ArrayList<>();
            int differ = 0;
            for (int s = 0; s < single; s++) {
                long t0 = System.nanoTime();
                DeepXplore.Outcome o = one.search(mnist.batch(new int[] {ids[s]}), new int[] {ids[s]}, null, 2017)
                        .get(0);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (o.status() == DeepXplore.Status.FOUND) {
                    times.add(ms);
                } else if (o.status() == DeepXplore.Status.ALREADY_DIFFER) {
                    differ++;
                }
            }
            double[] sorted =
                    times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String firstOf = "first difference-inducing input, one seed at a time (" + sorted.length + " of " + single
                    + " seeds, " + differ + " already differ)";
            if (sorted.length > 0) {
                Results.row("generation", firstOf, sorted);
            } else {
                System.out.println(firstOf + ": none");
            }

            // the whole campaign, several times: its median, not one run, is the figure
            double[] campaign = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                DeepXplore all = new DeepXplore(models, paper);
                int found = 0;
                int already = 0;
                long t0 = System.nanoTime();
                for (int from = 0; from < seedCount; from += batch) {
                    int[] b = Arrays.copyOfRange(ids, from, Math.min(seedCount, from + batch));
                    for (DeepXplore.Outcome o : all.search(mnist.batch(b), b, null, 2017)) {
                        found += o.status() == DeepXplore.Status.FOUND ? 1 : 0;
                        already += o.status() == DeepXplore.Status.ALREADY_DIFFER ? 1 : 0;
                    }
                }
                campaign[r] = (System.nanoTime() - t0) / 1e6;
                StringBuilder nc = new StringBuilder();
                for (int m = 0; m < models.size(); m++) {
                    CoverageTracker t = all.trackers().get(m);
                    nc.append(String.format(
                            Locale.ROOT, " %s %d/%d", LeNet.values()[m].modelName(), t.coveredCount(), t.total()));
                }
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %d seeds in batches of %d: %d difference-inducing inputs (%d seeds already differ) in"
                                + " %.1f s (%.1f ms per seed); NC (seeds + generated, t=0):%s%n",
                        r + 1,
                        seedCount,
                        batch,
                        found,
                        already,
                        campaign[r] / 1000,
                        campaign[r] / seedCount,
                        nc);
            }
            Arrays.sort(campaign);
            Results.row(
                    "generation",
                    seedCount + " seeds in batches of " + batch + ", median of " + repeats + " runs",
                    campaign);
            System.out.println("paper (GPU laptop): first difference 0.19-0.65 s; full coverage 6.6-7.6 s");
        } finally {
            models.forEach(Model::close);
        }
    }
}
