package org.deepjunit.model.tensorflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.deepjunit.model.DataType;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Builds small TensorFlow graphs with given weights in Java and exports them as SavedModels with a
 * serving signature, for tests (no Python needed). Weights are plain arrays in TensorFlow/Keras
 * layouts: a convolution kernel is {@code [kh, kw, in, out]} row-major, a dense kernel {@code [in, out]};
 * images are NHWC and a flatten is in (h, w, c) order. Weights are graph constants.
 *
 * <pre>{@code
 * Exported lenet = TfFixtures.lenet(DataType.FLOAT64, 28, 28, 1, 4, 8, 16, 10, new Random(7), dir);
 * lenet.layers();   // {"conv1" -> "conv1/Relu", "pool1" -> "pool1/MaxPool", ...}
 * }</pre>
 *
 * <p>Reusable by other tests: a DL4J twin can be built from the same arrays, which
 * {@link Exported#weights()} returns by layer name.
 */
public final class TfFixtures {

    private TfFixtures() {}

    /** What was exported: op names of the input, output, logits and each layer, and the weights used. */
    public record Exported(
            Path dir,
            String input,
            String output,
            String logits,
            Map<String, String> layers,
            Map<String, double[][]> weights) {

        /** The op name of the layer with that display (scope) name. */
        public String op(String layer) {
            String op = layers.get(layer);
            if (op == null) {
                throw new IllegalArgumentException("No layer " + layer + " in " + layers.keySet());
            }
            return op;
        }
    }

    /** A sequential model under construction; every layer is its own name scope. */
    public static final class Sequential {

        private final DataType type;
        private final long[] inputShape;
        private final List<Step> steps = new ArrayList<>();

        private Sequential(DataType type, long... inputShape) {
            this.type = type;
            this.inputShape = inputShape;
        }

        private sealed interface Step permits ConvStep, PoolStep, FlattenStep, DenseStep, SoftmaxStep {
            String name();
        }

        private record ConvStep(
                String name,
                int kh,
                int kw,
                int in,
                int out,
                double[] kernel,
                double[] bias,
                boolean relu,
                String padding)
                implements Step {}

        private record PoolStep(String name, int size) implements Step {}

        private record FlattenStep(String name) implements Step {}

        private record DenseStep(String name, int in, int out, double[] kernel, double[] bias, String activation)
                implements Step {}

        private record SoftmaxStep(String name) implements Step {}

        /** A 2-D convolution, stride 1, padding SAME, kernel {@code [kh, kw, in, out]}, optional ReLU. */
        public Sequential conv(
                String name, int kh, int kw, int in, int out, double[] kernel, double[] bias, boolean relu) {
            return conv(name, kh, kw, in, out, kernel, bias, relu, "SAME");
        }

        /** A 2-D convolution, stride 1, with the given padding ("SAME" or "VALID", as Keras' "valid" default). */
        public Sequential conv(
                String name,
                int kh,
                int kw,
                int in,
                int out,
                double[] kernel,
                double[] bias,
                boolean relu,
                String padding) {
            check(name, kernel, (long) kh * kw * in * out, bias, out);
            if (!padding.equals("SAME") && !padding.equals("VALID")) {
                throw new IllegalArgumentException(name + ": padding must be SAME or VALID, got " + padding);
            }
            steps.add(new ConvStep(name, kh, kw, in, out, kernel, bias, relu, padding));
            return this;
        }

        /** Max pooling {@code size x size}, stride {@code size}, padding VALID (op type MaxPool, as Keras). */
        public Sequential maxPool(String name, int size) {
            steps.add(new PoolStep(name, size));
            return this;
        }

        /** Reshape to {@code [batch, -1]} in (h, w, c) order. */
        public Sequential flatten(String name) {
            steps.add(new FlattenStep(name));
            return this;
        }

        /** A dense layer with kernel {@code [in, out]}; activation "relu", "softmax" or null (linear). */
        public Sequential dense(String name, int in, int out, double[] kernel, double[] bias, String activation) {
            check(name, kernel, (long) in * out, bias, out);
            steps.add(new DenseStep(name, in, out, kernel, bias, activation));
            return this;
        }

        /** A standalone softmax. */
        public Sequential softmax(String name) {
            steps.add(new SoftmaxStep(name));
            return this;
        }

        private static void check(String name, double[] kernel, long kernelSize, double[] bias, int out) {
            if (kernel.length != kernelSize || bias.length != out) {
                throw new IllegalArgumentException(name + ": kernel needs " + kernelSize + " values (got "
                        + kernel.length + "), bias " + out + " (got " + bias.length + ")");
            }
        }

        /** Builds the graph and writes it as a SavedModel (tag "serve", signature "serving_default": x → y). */
        public Exported export(Path dir) {
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Operand<TNumber> x = placeholder(tf);
                Built built = build(tf, g, x);
                save(dir, g, x, built.output());
                return new Exported(
                        dir,
                        x.op().name(),
                        built.output().op().name(),
                        built.logits().op().name(),
                        built.layers(),
                        built.weights());
            }
        }

        /**
         * Like {@link #export}, but the layers live inside a function called by a PartitionedCall op,
         * as in SavedModels written by TF2/Keras: only x and y are ops of the top-level graph. The
         * returned layer op names are those inside the function body.
         */
        public Exported exportWrapped(Path dir) {
            try (Graph inner = new Graph()) {
                Ops ti = Ops.create(inner);
                Operand<TNumber> xi = placeholder(ti);
                Built built = build(ti, inner, xi);
                Signature fsig = Signature.builder()
                        .key("sequential")
                        .input("x", xi)
                        .output("y", built.output())
                        .build();
                try (ConcreteFunction fn = ConcreteFunction.create(fsig, inner);
                        Graph g = new Graph()) {
                    Ops tf = Ops.create(g);
                    Operand<TNumber> x = placeholder(tf);
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    Operand<TNumber> called = (Operand) fn.call(tf, x);
                    Operand<TNumber> y = tf.withName("y").identity(called);
                    save(dir, g, x, y);
                    return new Exported(
                            dir, x.op().name(), y.op().name(), y.op().name(), built.layers(), built.weights());
                }
            }
        }

        private record Built(
                Operand<TNumber> output,
                Operand<TNumber> logits,
                Map<String, String> layers,
                Map<String, double[][]> weights) {}

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Operand<TNumber> placeholder(Ops tf) {
            Class<? extends TNumber> cls = type == DataType.FLOAT32 ? TFloat32.class : TFloat64.class;
            long[] batched = new long[inputShape.length + 1];
            batched[0] = -1;
            System.arraycopy(inputShape, 0, batched, 1, inputShape.length);
            return (Operand) tf.withName("x").placeholder(cls, Placeholder.shape(Shape.of(batched)));
        }

        private static void save(Path dir, Graph g, Operand<?> x, Operand<?> y) {
            Signature sig = Signature.builder()
                    .key("serving_default")
                    .input("x", x)
                    .output("y", y)
                    .build();
            try (Session session = new Session(g)) {
                SavedModelDirs.export(dir, session, sig);
            }
        }

        private Built build(Ops tf, Graph g, Operand<TNumber> x) {
            Operand<TNumber> current = x;
            Operand<TNumber> logits = null;
            Map<String, String> layers = new LinkedHashMap<>();
            Map<String, double[][]> weights = new LinkedHashMap<>();
            for (Step step : steps) {
                if (step instanceof ConvStep c) {
                    Ops s = tf.withSubScope(c.name());
                    Operand<TNumber> k = constant(s.withName("kernel"), c.kernel(), c.kh(), c.kw(), c.in(), c.out());
                    Operand<TNumber> b = constant(s.withName("bias"), c.bias(), c.out());
                    current = s.withName("Conv2D").nn.conv2d(current, k, List.of(1L, 1L, 1L, 1L), c.padding());
                    current = s.withName("BiasAdd").nn.biasAdd(current, b);
                    if (c.relu()) {
                        current = s.withName("Relu").nn.relu(current);
                    }
                    weights.put(
                            c.name(),
                            new double[][] {c.kernel().clone(), c.bias().clone()});
                } else if (step instanceof PoolStep p) {
                    long sz = p.size();
                    current = output(g.opBuilder("MaxPool", p.name() + "/MaxPool", g.baseScope())
                            .addInput(current.asOutput())
                            .setAttr("ksize", new long[] {1, sz, sz, 1})
                            .setAttr("strides", new long[] {1, sz, sz, 1})
                            .setAttr("padding", "VALID")
                            .setAttr("data_format", "NHWC")
                            .build()
                            .output(0));
                } else if (step instanceof FlattenStep f) {
                    Ops s = tf.withSubScope(f.name());
                    Operand<TInt32> newShape = s.withName("shape").constant(new int[] {-1, flatSize(current)});
                    current = s.withName("Reshape").reshape(current, newShape);
                } else if (step instanceof DenseStep d) {
                    Ops s = tf.withSubScope(d.name());
                    Operand<TNumber> k = constant(s.withName("kernel"), d.kernel(), d.in(), d.out());
                    Operand<TNumber> b = constant(s.withName("bias"), d.bias(), d.out());
                    current = s.withName("MatMul").linalg.matMul(current, k);
                    current = s.withName("BiasAdd").nn.biasAdd(current, b);
                    if ("relu".equals(d.activation())) {
                        current = s.withName("Relu").nn.relu(current);
                    } else if ("softmax".equals(d.activation())) {
                        logits = current;
                        current = s.withName("Softmax").nn.softmax(current);
                    } else if (d.activation() != null) {
                        throw new IllegalArgumentException("Unsupported activation " + d.activation());
                    }
                    weights.put(
                            d.name(),
                            new double[][] {d.kernel().clone(), d.bias().clone()});
                } else if (step instanceof SoftmaxStep sm) {
                    logits = current;
                    current = tf.withSubScope(sm.name()).withName("Softmax").nn.softmax(current);
                }
                layers.put(step.name(), current.op().name());
            }
            return new Built(current, logits == null ? current : logits, layers, weights);
        }

        private static int flatSize(Operand<?> op) {
            return Math.toIntExact(LongStream.of(op.shape().asArray()).skip(1).reduce(1, (a, b) -> a * b));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Operand<TNumber> output(Output<?> o) {
            return (Operand) o;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Operand<TNumber> constant(Ops tf, double[] values, long... shape) {
            if (type == DataType.FLOAT64) {
                return (Operand) tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
            }
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return (Operand) tf.constant(Shape.of(shape), DataBuffers.of(f, true, false));
        }
    }

    /** Starts a sequential model with the given per-sample input shape, e.g. {@code (4)} or {@code (28, 28, 1)}. */
    public static Sequential sequential(DataType type, long... inputShape) {
        return new Sequential(type, inputShape);
    }

    /**
     * A dense MLP {@code sizes[0] → ... → sizes[last]}: hidden layers "dense", "dense_1", ... with
     * ReLU, the last with softmax (as Keras names them). {@code kernels[i]} is {@code [sizes[i], sizes[i+1]]}.
     */
    public static Exported mlp(DataType type, int[] sizes, double[][] kernels, double[][] biases, Path dir) {
        Sequential s = sequential(type, sizes[0]);
        for (int i = 0; i + 1 < sizes.length; i++) {
            String name = i == 0 ? "dense" : "dense_" + i;
            boolean last = i + 2 == sizes.length;
            s.dense(name, sizes[i], sizes[i + 1], kernels[i], biases[i], last ? "softmax" : "relu");
        }
        return s.export(dir);
    }

    /** An MLP with random weights drawn from {@code rnd} (uniform ±1/√fanIn, biases ±0.1). */
    public static Exported mlp(DataType type, int[] sizes, Random rnd, Path dir) {
        double[][] kernels = new double[sizes.length - 1][];
        double[][] biases = new double[sizes.length - 1][];
        for (int i = 0; i + 1 < sizes.length; i++) {
            kernels[i] = TestWeights.uniform(rnd, sizes[i] * sizes[i + 1], 1 / Math.sqrt(sizes[i]));
            biases[i] = TestWeights.uniform(rnd, sizes[i + 1], 0.1);
        }
        return mlp(type, sizes, kernels, biases, dir);
    }

    /**
     * A LeNet-like CNN on {@code [h, w, c]} images: conv1 (5x5 SAME, {@code c1} channels, ReLU) → pool1
     * (2x2 max) → conv2 (5x5 SAME, {@code c2}, ReLU) → pool2 → flatten → fc1 ({@code hidden}, ReLU) → fc2
     * ({@code classes}, linear: the logits) → softmax (standalone). Weights in TF layouts.
     */
    public static Exported lenet(
            DataType type,
            int h,
            int w,
            int c,
            int c1,
            int c2,
            int hidden,
            int classes,
            double[] conv1K,
            double[] conv1B,
            double[] conv2K,
            double[] conv2B,
            double[] fc1K,
            double[] fc1B,
            double[] fc2K,
            double[] fc2B,
            Path dir) {
        int flat = (h / 4) * (w / 4) * c2;
        return sequential(type, h, w, c)
                .conv("conv1", 5, 5, c, c1, conv1K, conv1B, true)
                .maxPool("pool1", 2)
                .conv("conv2", 5, 5, c1, c2, conv2K, conv2B, true)
                .maxPool("pool2", 2)
                .flatten("flatten")
                .dense("fc1", flat, hidden, fc1K, fc1B, "relu")
                .dense("fc2", hidden, classes, fc2K, fc2B, null)
                .softmax("softmax")
                .export(dir);
    }

    /** A LeNet-like CNN with random weights drawn from {@code rnd}. */
    public static Exported lenet(
            DataType type, int h, int w, int c, int c1, int c2, int hidden, int classes, Random rnd, Path dir) {
        int flat = (h / 4) * (w / 4) * c2;
        return lenet(
                type,
                h,
                w,
                c,
                c1,
                c2,
                hidden,
                classes,
                TestWeights.uniform(rnd, 25 * c * c1, 1 / Math.sqrt(25.0 * c)),
                TestWeights.uniform(rnd, c1, 0.1),
                TestWeights.uniform(rnd, 25 * c1 * c2, 1 / Math.sqrt(25.0 * c1)),
                TestWeights.uniform(rnd, c2, 0.1),
                TestWeights.uniform(rnd, flat * hidden, 1 / Math.sqrt(flat)),
                TestWeights.uniform(rnd, hidden, 0.1),
                TestWeights.uniform(rnd, hidden * classes, 1 / Math.sqrt(hidden)),
                TestWeights.uniform(rnd, classes, 0.1),
                dir);
    }
}
