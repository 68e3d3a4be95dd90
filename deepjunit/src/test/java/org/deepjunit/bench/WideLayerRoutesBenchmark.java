package org.deepjunit.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Min;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Where the floor of recording a wide layer lies: one dense ReLU layer's output of 64 × 50,000 float32 values, held by
 * the framework (a TensorFlow variable, an ND4J array), recorded for NC alone by the two possible routes.
 *
 * <ul>
 *   <li><b>Out, then Java</b> (what the adapters and {@code @NeuronCoverage} do): the framework computes each input's
 *       minimum and maximum, the values are copied out, and the Java recorder folds every value into the per-neuron
 *       maxima and minima and each newly covered neuron's first input, then merges the pass into the test's, class's
 *       and run's data.
 *   <li><b>Inside the framework</b>: the framework also computes the per-neuron reductions over the batch (scaled
 *       maximum, raw maximum and minimum, and the first input whose scaled value is above 0), so that only
 *       {@code 4 × 50,000} numbers come out.
 * </ul>
 *
 * <p>"The floor" is the coverage benchmark's: one read of every recorded value in Java. Issue 19 asks that recording
 * add at most twice that; this benchmark shows what each route costs against it, and with {@link LeastNcRecorder}
 * what no Java recorder can go below once the values are out.
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@wide-layer-benchmark}.
 */
public final class WideLayerRoutesBenchmark {

    private static final int BATCH = 64;
    private static final int INPUTS = 512;
    private static final int NEURONS = 50_000;
    private static final RecordingSpec NC_ONLY =
            new RecordingSpec(RecordingSpec.DEFAULT_K, 0, List.of(), List.of(), null, Double.NaN);

    /** ND4J's default workspace, which the first run sizes, so that later runs allocate nothing off-heap. */
    private static final WorkspaceConfiguration WORKSPACE =
            WorkspaceConfiguration.builder().build();

    private WideLayerRoutesBenchmark() {}

    public static void main(String[] args) {
        int warmup = Integer.getInteger("bench.warmup", 10);
        int runs = Integer.getInteger("bench.runs", 100);
        Random random = new Random(42);
        float[] inputs = new float[BATCH * INPUTS];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();
        }
        float[] weights = new float[INPUTS * NEURONS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * 0.05);
        }
        tensorFlow(inputs, weights, warmup, runs);
        nd4j(inputs, weights, warmup, runs);
    }

    private static void tensorFlow(float[] inputs, float[] weights, int warmup, int runs) {
        Timer timer = new Timer(warmup, runs);
        try (Graph graph = new Graph();
                Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            // a variable, so that the timed runs read the layer instead of computing it
            Operand<TFloat32> x = tf.variable(tf.nn.relu(tf.linalg.matMul(
                    tf.constant(StdArrays.ndCopyOf(matrix(inputs, BATCH, INPUTS))),
                    tf.constant(StdArrays.ndCopyOf(matrix(weights, INPUTS, NEURONS))))));
            session.initialize();
            Operand<TInt32> rows = tf.constant(1);
            Operand<TInt32> batch = tf.constant(0);
            Operand<TFloat32> mins = tf.min(x, rows, Min.keepDims(true));
            Operand<TFloat32> maxs = tf.max(x, rows, Max.keepDims(true));
            Operand<TFloat32> scaled = tf.math.div(tf.math.sub(x, mins), tf.math.sub(maxs, mins));
            Operand<?>[] perNeuron = {tf.max(scaled, batch), tf.max(x, batch), tf.min(x, batch)};
            Operand<?> first =
                    tf.math.argMax(tf.dtypes.cast(tf.math.greater(scaled, tf.constant(0f)), TFloat32.class), batch);
            Operand<?> touch = tf.slice(x, tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1}));

            double[] none = timer.measure(() -> run(session, touch));
            float[] values = new float[BATCH * NEURONS];
            double[] out = timer.measure(() -> {
                try (Result r =
                        session.runner().fetch(x).fetch(mins).fetch(maxs).run()) {
                    ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(values);
                }
            });
            double[] inside =
                    timer.measure(() -> run(session, mins, maxs, perNeuron[0], perNeuron[1], perNeuron[2], first));
            double[] insideNoFirst =
                    timer.measure(() -> run(session, mins, maxs, perNeuron[0], perNeuron[1], perNeuron[2]));
            report("TensorFlow", none, out, inside, insideNoFirst, values, warmup, runs);
        }
    }

    private static void nd4j(float[] inputs, float[] weights, int warmup, int runs) {
        Timer timer = new Timer(warmup, runs);
        INDArray a = Nd4j.create(inputs, new long[] {BATCH, INPUTS}, 'c');
        INDArray w = Nd4j.create(weights, new long[] {INPUTS, NEURONS}, 'c');
        INDArray x = Transforms.relu(a.mmul(w), false);
        float[] values = new float[BATCH * NEURONS];
        double[] out = timer.measure(() -> {
            x.data().asNio().asFloatBuffer().get(values);
            extremes(values, BATCH);
        });
        double[] inside = timer.measure(() -> nd4jInside(x, true));
        double[] insideNoFirst = timer.measure(() -> nd4jInside(x, false));
        report("ND4J", null, out, inside, insideNoFirst, values, warmup, runs);
    }

    private static void nd4jInside(INDArray x, boolean first) {
        try (MemoryWorkspace ignored =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "WIDE_LAYER_BENCH")) {
            reduceInside(x, first);
        }
    }

    private static void reduceInside(INDArray x, boolean first) {
        INDArray mins = x.min(1).reshape(BATCH, 1);
        INDArray range = x.max(1).reshape(BATCH, 1).subi(mins);
        INDArray scaled = x.subColumnVector(mins).diviColumnVector(range);
        scaled.max(0);
        x.max(0);
        x.min(0);
        if (first) {
            scaled.gt(0).castTo(DataType.FLOAT).argMax(0);
        }
    }

    /** The rows of one framework: each route against the floor; {@code none} is TensorFlow's cost of a call. */
    private static void report(
            String framework,
            double[] none,
            double[] out,
            double[] inside,
            double[] insideNoFirst,
            float[] values,
            int warmup,
            int runs) {
        NeuronValues nv = new NeuronValues(null, Map.of("dense", layerValues(values)));
        double[] sink = new double[1];
        double[] floor = new Timer(warmup, runs).measure(() -> sink[0] += CoverageBenchmark.readOnce(nv));
        ModelCoverage delta = new ModelCoverage(
                "wide", "bench", NC_ONLY, null, List.of(new Layer("dense", LayerKind.DENSE, Shape.of(BATCH, NEURONS))));
        delta.request(0, true);
        List<CoverageData> targets = List.of(new CoverageData(), new CoverageData(), new CoverageData());
        double[] recorder = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            ModelCoverage pass = delta.emptyCopy(); // the recorder reuses its delta: not timed
            pass.request(0, true);
            long start = System.nanoTime();
            pass.record(nv, false);
            targets.forEach(t -> t.add(pass));
            if (i >= 0) {
                recorder[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(recorder);
        NeuronValues.LayerValues dense = nv.layer("dense");
        LeastNcRecorder least = new LeastNcRecorder(values, BATCH, dense.mins(), dense.maxs());
        double[] leastOne = new Timer(warmup, runs).measure(() -> sink[0] += least.run(false));
        least.checkSameAs(targets.get(0).models().get(0).layers().get("dense"), false);
        double[] leastTwo = new Timer(warmup, runs).measure(() -> sink[0] += least.run(true));
        least.checkSameAs(targets.get(0).models().get(0).layers().get("dense"), true);
        String what = framework + " 64 × 50,000: ";
        Results.row("wide-layer", what + "read every value once in Java (the floor)", floor);
        if (none != null) {
            Results.row("wide-layer", what + "framework call, nothing reduced", none);
        }
        Results.row("wide-layer", what + "out: per-input extremes, values copied out", out, "the floor", floor);
        Results.row("wide-layer", what + "out: Java recorder, NC alone, 3 merges", recorder, "the floor", floor);
        Results.row("wide-layer", what + "out: the least Java recorder, one thread", leastOne, "the floor", floor);
        Results.row("wide-layer", what + "out: the least Java recorder, two threads", leastTwo, "the floor", floor);
        Results.row("wide-layer", what + "inside: per-neuron reductions with first inputs", inside, "the floor", floor);
        Results.row("wide-layer", what + "inside: per-neuron reductions alone", insideNoFirst, "the floor", floor);
    }

    private static NeuronValues.LayerValues layerValues(float[] values) {
        double[][] e = extremes(values, BATCH);
        return NeuronValues.LayerValues.ofFloats("dense", BATCH, NEURONS, values, e[0], e[1]);
    }

    /** Each input's minimum and maximum ({@code [mins, maxs]}), as the DL4J adapter computes them for a dense layer. */
    static double[][] extremes(float[] values, int batch) {
        int neurons = values.length / batch;
        double[][] e = new double[2][batch];
        for (int s = 0; s < batch; s++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = s * neurons; i < (s + 1) * neurons; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            e[0][s] = min;
            e[1][s] = max;
        }
        return e;
    }

    private static void run(Session session, Operand<?>... fetches) {
        Session.Runner runner = session.runner();
        for (Operand<?> f : fetches) {
            runner.fetch(f);
        }
        try (Result ignored = runner.run()) {
            // the fetched tensors are closed with the result
        }
    }

    private static float[][] matrix(float[] values, int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * columns, m[r], 0, columns);
        }
        return m;
    }
}
