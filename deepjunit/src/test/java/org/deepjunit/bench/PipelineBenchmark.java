package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.generation.Constraints;
import org.deepjunit.generation.DeepXplore;
import org.deepjunit.generation.Rngs;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Images;
import org.deepjunit.pipeline.Interpolation;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Photos;

/**
 * The cost of testing a pipeline instead of a bare model, on the samples' digit reader: 56×56 RGB photos (PNG) →
 * decode → grayscale → area resize to 28×28 → {@code 1 − x/255} → TensorFlow LeNet-5.
 * <ol>
 *   <li>one batch of {@code bench.batch} (64) photos: the bare model on pre-processed inputs, the stages alone, the
 *       tensor pipeline on decoded pixels (decode excluded) and the whole reader from PNG bytes (decode included);
 *       median and p90 of {@code bench.runs} runs after as many warm-up runs, ratios to the bare model;</li>
 *   <li>DeepXplore over LeNet-1/4/5 on {@code bench.seeds} seeds: in model space (the pre-processed seeds, [0, 1],
 *       the paper's step 10) and in raw pixel space (the photos through the three pipelines, [0, 255], step 2550,
 *       gradients carried back through the stages); seeds and gradient steps per second.</li>
 * </ol>
 * Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@pipeline-benchmark} with optional
 * {@code -Dbench.args="-Dbench.runs=100 -Dbench.seeds=512"}.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batch = Integer.getInteger("bench.batch", 64);
        int runs = Integer.getInteger("bench.runs", 50);
        int seedCount = Integer.getInteger("bench.seeds", 512);
        Path dir = Files.createTempDirectory("deepjunit-pipebench");
        Dataset mnist = Datasets.load(
                "classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);
        int[] ids = Rngs.sample(mnist.size(), Math.max(batch, seedCount), 2017);
        List<byte[]> pngs = new ArrayList<>();
        for (int id : ids) {
            pngs.add(Photos.png(Photos.of(mnist.batch(new int[] {id}).toFloatArray())));
        }
        List<TensorPipeline> readers = new ArrayList<>();
        for (LeNet net : LeNet.values()) {
            readers.add(reader(DeepXploreModels.tensorflow(net, dir.resolve(net.modelName()))));
        }
        System.out.printf(
                Locale.ROOT,
                "Digit reader, TensorFlow LeNet-5, batch %d, %d runs after %d warm-up, %d CPU cores, %s%n",
                batch,
                runs,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        try {
            TensorPipeline lenet5 = readers.get(2);
            Model bare = lenet5.model();
            List<byte[]> onePng = pngs.subList(0, batch);
            Tensor raw = Images.decodeAll().apply(onePng);
            Tensor preprocessed = lenet5.preprocess(raw);
            Timer timer = new Timer(runs, runs);
            double[] model = timer.measure(() -> bare.predict(preprocessed));
            double[] stages = timer.measure(() -> lenet5.preprocess(raw));
            double[] both = timer.measure(() -> bare.predict(lenet5.preprocess(raw)));
            double[] pipeline = timer.measure(() -> lenet5.predict(raw));
            double[] whole =
                    timer.measure(() -> lenet5.predict(Images.decodeAll().apply(onePng)));
            String base = "bare model";
            Results.row("pipeline", "bare model (pre-processed inputs)", model);
            Results.row("pipeline", "stages alone (grayscale, resize, scale)", stages, base, model);
            Results.row("pipeline", "stages, then the bare model", both, base, model);
            Results.row("pipeline", "pipeline, decode excluded", pipeline, base, model);
            Results.row("pipeline", "pipeline, decode included (PNG bytes)", whole, base, model);

            List<Model> models = readers.stream().map(TensorPipeline::model).toList();
            Tensor rawSeeds = Images.decodeAll().apply(pngs.subList(0, seedCount));
            Tensor modelSeeds = lenet5.preprocess(rawSeeds);
            search("model space (28x28x1, [0, 1], step 10)", models, modelSeeds, 10, 1, batch);
            search("raw pixel space (56x56x3, [0, 255], step 2550)", List.copyOf(readers), rawSeeds, 2550, 255, batch);
        } finally {
            readers.forEach(Model::close);
        }
    }

    static TensorPipeline reader(Model lenet) {
        return TensorPipeline.builder(lenet.name() + "-reader", Shape.of(56, 56, 3))
                .then(Images.grayscale())
                .then(Images.resize(28, 28, Interpolation.AREA))
                .then(Tensors.scale(-1 / 255.0, 1))
                .model(lenet)
                .build();
    }

    /** DeepXplore (λ1 = 1, λ2 = 0.1, t = 0, lighting, 20 iterations) over every seed, in batches. */
    private static void search(String what, List<Model> models, Tensor seeds, double step, double max, int batch) {
        DeepXplore.Settings settings =
                new DeepXplore.Settings(1, 0.1, step, 0, 20, Constraints.lighting(), 0, max, null);
        int n = seeds.shape().dim(0);
        // warm-up: graph building, JIT
        new DeepXplore(models, settings).search(seeds.samples(0, 2), new int[] {0, 1}, null, 1);
        DeepXplore deepXplore = new DeepXplore(models, settings);
        int found = 0;
        long steps = 0;
        long t0 = System.nanoTime();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int[] ids = java.util.stream.IntStream.range(from, to).toArray();
            for (DeepXplore.Outcome o : deepXplore.search(seeds.samples(from, to), ids, null, 2017)) {
                found += o.status() == DeepXplore.Status.FOUND ? 1 : 0;
                steps += o.iterations();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "DeepXplore, %s: %d seeds in %.2f s (%.1f seeds/s), %d gradient steps of a seed (%.0f/s), %d found%n",
                what,
                n,
                seconds,
                n / seconds,
                steps,
                steps / seconds,
                found);
        Results.row("pipeline", "DeepXplore, " + what + ", " + n + " seeds (one run)", new double[] {seconds * 1000});
    }
}
