package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;

/**
 * What a quality gate costs on top of plain inference: TensorFlow LeNet-5 on the 10,000 MNIST test images.
 * <ol>
 *   <li>plain inference: {@code predict} over every image in batches of 256, outputs dropped;</li>
 *   <li>{@link Evaluation#of}: the same inference, keeping every image's scores with its label;</li>
 *   <li>every classification metric on all images (accuracy, top-5, macro and weighted F1, log loss, ROC-AUC,
 *       ECE, precision/recall/F1 of each class) and accuracy, macro F1, log loss and ECE on each of the ten
 *       per-class slices;</li>
 *   <li>one history write of those figures to a fresh SQLite file.</li>
 * </ol>
 * Median and p90 of {@code bench.runs} runs after as many warm-up runs. Run:
 * {@code mvn -B -q -pl deepjunit test-compile exec:exec@quality-benchmark} with optional {@code -Dbench.args="-Dbench.runs=20"}.
 */
public final class QualityBenchmark {

    private QualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 10);
        Path dir = Files.createTempDirectory("deepjunit-qualitybench");
        Dataset mnist = Datasets.load(
                "classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);
        List<Metric> all = new ArrayList<>(Metrics.builtIn());
        for (int c = 0; c < 10; c++) {
            all.add(Metrics.precision(c));
            all.add(Metrics.recall(c));
            all.add(Metrics.f1(c));
        }
        List<Metric> perSlice = List.of(Metrics.ACCURACY, Metrics.MACRO_F1, Metrics.LOG_LOSS, Metrics.ECE);
        System.out.printf(
                Locale.ROOT,
                "Quality gate cost, TensorFlow LeNet-5, %,d MNIST images, %d runs after %d warm-up, %d CPU cores, %s%n",
                mnist.size(),
                runs,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        try (Model lenet5 = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            Timer timer = new Timer(runs, runs);
            double[] inference = timer.measure(() -> {
                for (int from = 0; from < mnist.size(); from += 256) {
                    int[] ids = new int[Math.min(256, mnist.size() - from)];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = from + i;
                    }
                    lenet5.predict(mnist.batch(ids));
                }
            });
            double[] evaluation = timer.measure(() -> Evaluation.of(lenet5, mnist));
            Evaluation e = Evaluation.of(lenet5, mnist).slicedBy(Slicing.byClass());
            List<FigureRecord> figures = new ArrayList<>();
            double[] metrics = timer.measure(() -> {
                figures.clear();
                for (Metric m : all) {
                    figures.add(FigureRecord.of("metric", m.name(), Evaluation.ALL, e.value(m), e.size()));
                }
                for (String slice : e.slices()) {
                    if (!slice.equals(Evaluation.ALL)) {
                        for (Metric m : perSlice) {
                            figures.add(FigureRecord.of("metric", m.name(), slice, e.value(m, slice), e.size()));
                        }
                    }
                }
            });
            int[] counter = {0};
            double[] history = timer.measure(() -> {
                try (HistoryStore store = HistoryStore.openSqlite(dir.resolve("history-" + counter[0]++ + ".db"))) {
                    store.record(new RunRecord(
                            Instant.now(),
                            "bench",
                            "QualityBenchmark",
                            e.model(),
                            e.modelFingerprint(),
                            e.datasetDigest(),
                            null,
                            figures));
                }
            });
            double base = Timer.median(inference);
            Results.row("quality", "plain inference, 10,000 images", inference);
            Results.row("quality", "Evaluation.of (inference + scores)", evaluation, "plain", inference);
            Results.row(
                    "quality", figures.size() + " figures (all metrics, 10 class slices)", metrics, "plain", inference);
            Results.row("quality", "history write (fresh SQLite file)", history, "plain", inference);
            double total = Timer.median(evaluation) + Timer.median(metrics) + Timer.median(history);
            System.out.printf(
                    Locale.ROOT,
                    "  evaluation + figures + history: %.1f ms, %.2fx plain inference%n",
                    total,
                    total / base);
        }
    }
}
