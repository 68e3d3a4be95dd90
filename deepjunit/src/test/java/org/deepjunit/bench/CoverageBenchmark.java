package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deepjunit.coverage.CoverageCaches;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRecorder;
import org.deepjunit.coverage.CoverageSettings;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.DataType;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.model.tensorflow.TfFixtures;
import org.deepjunit.report.CoverageReportWriter;
import org.deepjunit.report.CoverageReports;
import org.deepjunit.report.NeuronCoverageReport;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Coverage recording overhead as a ratio to plain inference, measured side by side (runs in turn) in one JVM,
 * both adapters: DeepXplore's LeNet-5 at batch 64 (268 neurons; the default criteria, NC alone, then all six with a
 * profile of the 10,000 MNIST test images) and an MLP 784-512-50000-10 (50,522 neurons; the defaults and NC alone), and
 * the time to render the report of the 50,522-neuron model. Recording = what {@code @NeuronCoverage} does: a
 * recorder bound to the thread, each pass's neuron values merged into the test's, class's and run's data. "Values
 * only" is the adapter's in-framework neuron-value pass without the recorder: the part of the overhead spent inside
 * DL4J or TensorFlow. "The floor" is one read of every value recording must look at (means, and each input's
 * minimum and maximum per layer), against which "recorded − plain" (the same iteration's pair) is judged on wide
 * layers. Ratios are medians of each iteration's pair, with the 95% confidence interval of that median; the three
 * take turns at running first ({@link Timer#inTurn}).
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@coverage-benchmark}; optional {@code -Dbench.warmup=10
 * -Dbench.runs=30} in {@code -Dbench.args=...}.
 */
public final class CoverageBenchmark {

    /** {@code @NeuronCoverage}'s defaults: NC at t = 0 (scaled), TKNC and TKNP, no profile. */
    private static final CoverageSettings DEFAULTS =
            new CoverageSettings(0, true, CoverageSettings.defaultCriteria(false), RecordingSpec.defaults(), List.of());

    /** {@code @NeuronCoverage(criteria = NC)}: NC at t = 0 (scaled) alone, so no top k is recorded. */
    private static final CoverageSettings NC_ONLY = new CoverageSettings(
            0,
            true,
            java.util.EnumSet.of(org.deepjunit.coverage.Criterion.NC),
            new RecordingSpec(RecordingSpec.DEFAULT_K, 0, List.of(), List.of(), null, Double.NaN),
            List.of());

    private CoverageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 10);
        int runs = Integer.getInteger("bench.runs", 30);
        Path dir = Files.createTempDirectory("deepjunit-coverage-bench");
        System.out.printf(
                Locale.ROOT,
                "batch 64, %d warm-up + %d measured runs (plain, values only, recorded in turn), %d CPU cores%n",
                warmup,
                runs,
                Runtime.getRuntime().availableProcessors());
        Tensor images = Mnist.images(0, 64);
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            // the default criteria (NC, TKNC, TKNP), then all six with a profile of the 10,000 MNIST test images
            CoverageSettings profiled = new CoverageSettings(
                    0,
                    true,
                    CoverageSettings.defaultCriteria(true),
                    new RecordingSpec(
                            RecordingSpec.DEFAULT_K,
                            RecordingSpec.DEFAULT_TOP_K,
                            List.of(),
                            List.of(),
                            "classpath:/mnist/t10k-images-idx3-ubyte.gz",
                            Double.NaN),
                    List.of());
            for (Model model : List.of(dl4j, tf)) {
                compare("LeNet-5", model, images, warmup, runs, DEFAULTS);
                compare("LeNet-5, NC only", model, images, warmup, runs, NC_ONLY);
                compare("LeNet-5, all six criteria (profile)", model, images, warmup, runs, profiled);
            }
        }
        int[] sizes = {784, 512, 50_000, 10};
        Tensor flat = images.reshape(64, 784);
        CoverageData wide;
        try (Model dl4j = wideDl4j(sizes)) {
            compare("MLP 50k", dl4j, flat, warmup, runs, DEFAULTS);
            compare("MLP 50k, NC only", dl4j, flat, warmup, runs, NC_ONLY);
        }
        try (Model tf = wideTf(sizes, dir.resolve("wide"))) {
            wide = compare("MLP 50k", tf, flat, warmup, runs, DEFAULTS);
            compare("MLP 50k, NC only", tf, flat, warmup, runs, NC_ONLY);
        }
        // report generation for the 50,522-neuron model
        double[] render = new Timer(1, 5).measure(() -> {
            try {
                NeuronCoverageReport report = CoverageReports.build(wide, "bench", Instant.now(), null, null);
                CoverageReportWriter.write(report, dir.resolve("report"));
                wide.write(dir.resolve("report-data.json"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long neurons =
                CoverageReports.build(wide, "bench", Instant.now(), null, null).neuronCount();
        Results.row("coverage", "report (HTML, XML, CSV, criteria, data file), " + neurons + " neurons", render);
    }

    /**
     * Times plain predict, the adapter's in-framework neuron values alone, and recorded predict, in turn ({@link
     * Timer#inTurn}); prints medians and the paired ratios to plain; returns the run data.
     */
    static CoverageData compare(
            String label, Model model, Tensor inputs, int warmup, int runs, CoverageSettings settings) {
        CoverageData run = new CoverageData();
        CoverageData cls = new CoverageData();
        CoverageCaches caches = new CoverageCaches(Path.of(System.getProperty("java.io.tmpdir")));
        List<String> layers = ForwardListeners.observedLayers(model);
        double[][] ms = new Timer(warmup, runs)
                .inTurn(() -> model.predict(inputs), () -> model.neuronValues(inputs, layers), () -> {
                    CoverageRecorder recorder = new CoverageRecorder(
                            settings, caches, List.of(new CoverageData(), cls, run), m -> {}, false);
                    try (ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
                        model.predict(inputs);
                    }
                });
        double[] plain = ms[0];
        double[] added = new double[runs]; // what recording adds, from the same iteration's pair
        for (int i = 0; i < runs; i++) {
            added[i] = ms[2][i] - plain[i];
        }
        long neurons = run.models().get(0).count(org.deepjunit.coverage.Criterion.NC, 0, true)[1];
        String what = label + " " + model.name() + " (" + neurons + " neurons)";
        Results.row("coverage", what + ": plain predict", Timer.sorted(plain));
        Results.pairedRow("coverage", what + ": neuron values only", ms[1], "plain", plain);
        Results.pairedRow("coverage", what + ": recorded predict", ms[2], "plain", plain);
        // the floor of recording: reading every recorded value once, against what recording adds (paired runs)
        NeuronValues nv = model.neuronValues(inputs, layers);
        double[] sink = new double[1];
        double[] floor = new Timer(warmup, runs).measure(() -> sink[0] += readOnce(nv));
        Results.row("coverage", what + ": read the recorded values once (the floor)", floor);
        Results.row("coverage", what + ": recorded − plain (paired runs)", Timer.sorted(added), "the floor", floor);
        return run;
    }

    /** The sum of every recorded value (means, minima, maxima): one read of what recording must look at. */
    static double readOnce(NeuronValues values) {
        double sum = 0;
        for (NeuronValues.LayerValues lv : values.layers().values()) {
            float[] floats = lv.floatMeans();
            if (floats != null) {
                for (float f : floats) {
                    sum += f;
                }
            } else {
                for (double d : lv.means()) {
                    sum += d;
                }
            }
            for (int s = 0; s < lv.batch(); s++) {
                sum += lv.mins()[s] + lv.maxs()[s];
            }
        }
        return sum;
    }

    static Model wideDl4j(int[] sizes) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("dense")
                        .nIn(sizes[0])
                        .nOut(sizes[1])
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("dense_1")
                        .nIn(sizes[1])
                        .nOut(sizes[2])
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("dense_2")
                        .nIn(sizes[2])
                        .nOut(sizes[3])
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModel.builder(net).name("mlp50k").build();
    }

    static Model wideTf(int[] sizes, Path dir) {
        TfFixtures.Exported exported = TfFixtures.mlp(DataType.FLOAT32, sizes, new Random(42), dir);
        TensorFlowModel.Builder builder = TensorFlowModel.builder(dir).name("mlp50k-tf");
        new ArrayList<>(exported.layers().keySet()).forEach(l -> builder.layer(l, exported.op(l)));
        return builder.build();
    }
}
