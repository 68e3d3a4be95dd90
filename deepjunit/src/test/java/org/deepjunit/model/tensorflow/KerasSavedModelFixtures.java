package org.deepjunit.model.tensorflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Writes SavedModels with the layout Python Keras / TF2 gives them ({@code model.save(dir)}), from
 * Java, for tests: the serving signature's output is {@code StatefulPartitionedCall:0} into
 * {@code __inference_signature_wrapper_*}, which calls {@code __inference__wrapped_model_*}, whose
 * nodes are named {@code sequential/dense/MatMul}; weights are resource variables
 * ({@code VarHandleOp}s passed to the calls, read with {@code ReadVariableOp} inside), saved and
 * restored by hand-written {@code save/...} ops; the Keras model config is stored as JSON in the
 * object graph or in {@code keras_metadata.pb}, as tf.keras does. The layers' ops are built by
 * {@link KerasLayerOps}, the metadata written by {@link KerasMetadataWriter}.
 *
 * <p>Regenerate the committed fixtures under {@code src/test/resources/keras-savedmodels/} with
 * {@code mvn -B -q -pl deepjunit test-compile exec:exec@keras-fixtures} (or run {@link #main} with the target
 * directory). Weights are drawn from fixed seeds, so {@link #dense()} and {@link #cnn()} return the
 * same weights the committed files hold.
 */
public final class KerasSavedModelFixtures {

    private KerasSavedModelFixtures() {}

    /** A Keras layer: its name, class and (for weighted layers) TF-layout weights. */
    public sealed interface KLayer permits Dense, Conv, MaxPool, Flatten, Dropout, Loop {
        String name();
    }

    /** {@code Dense(units, activation)}; kernel {@code [in, out]} row-major. */
    public record Dense(String name, int in, int out, String activation, float[] kernel, float[] bias)
            implements KLayer {}

    /** {@code Conv2D(filters, (k, k), padding="valid", activation)}; kernel {@code [k, k, in, out]} row-major. */
    public record Conv(String name, int k, int in, int out, String activation, float[] kernel, float[] bias)
            implements KLayer {}

    /** {@code MaxPooling2D((size, size))}. */
    public record MaxPool(String name, int size) implements KLayer {}

    /** {@code Flatten()}: (h, w, c) order. */
    public record Flatten(String name) implements KLayer {}

    /** {@code Dropout(rate)}: the identity at inference. */
    public record Dropout(String name) implements KLayer {}

    /**
     * A recurrent-style layer written as a {@code StatelessWhile} loop applying {@code tanh} {@code steps}
     * times (Keras class {@code SimpleRNN} in the metadata): TF Java cannot differentiate it.
     */
    public record Loop(String name, int steps, int units) implements KLayer {}

    /** Where the Keras metadata goes. */
    public enum Metadata {
        OBJECT_GRAPH,
        KERAS_METADATA_PB,
        NONE
    }

    /**
     * A Keras Sequential model.
     *
     * @param modelName  the Keras model name, the name scope of every op ({@code sequential})
     * @param inputShape per-sample input shape
     * @param layers     the layers in order; the last one's output is the model output
     */
    public record Spec(String modelName, int[] inputShape, List<KLayer> layers) {

        /** The layer of that name. */
        public KLayer layer(String name) {
            return layers.stream()
                    .filter(l -> l.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No layer " + name));
        }
    }

    /** Flatten(28×28×1) → dense (32, relu) → dropout → dense_1 (10, softmax); seed 7. */
    public static Spec dense() {
        Random rnd = new Random(7);
        return new Spec(
                "sequential",
                new int[] {28, 28, 1},
                List.of(
                        new Flatten("flatten"),
                        new Dense(
                                "dense",
                                784,
                                32,
                                "relu",
                                TestWeights.uniformFloats(rnd, 784 * 32, Math.sqrt(6.0 / 784)),
                                TestWeights.uniformFloats(rnd, 32, 0.1)),
                        new Dropout("dropout"),
                        new Dense(
                                "dense_1",
                                32,
                                10,
                                "softmax",
                                TestWeights.uniformFloats(rnd, 320, Math.sqrt(6.0 / 32)),
                                TestWeights.uniformFloats(rnd, 10, 0.1))));
    }

    /**
     * conv2d (4 filters 3×3, relu) → max_pooling2d → conv2d_1 (8, 3×3, relu) → max_pooling2d_1 → flatten
     * → dense (10, softmax) on 28×28×1; seed 11.
     */
    public static Spec cnn() {
        Random rnd = new Random(11);
        return new Spec(
                "sequential",
                new int[] {28, 28, 1},
                List.of(
                        new Conv(
                                "conv2d",
                                3,
                                1,
                                4,
                                "relu",
                                TestWeights.uniformFloats(rnd, 36, Math.sqrt(6.0 / 9)),
                                TestWeights.uniformFloats(rnd, 4, 0.1)),
                        new MaxPool("max_pooling2d", 2),
                        new Conv(
                                "conv2d_1",
                                3,
                                4,
                                8,
                                "relu",
                                TestWeights.uniformFloats(rnd, 288, Math.sqrt(6.0 / 36)),
                                TestWeights.uniformFloats(rnd, 8, 0.1)),
                        new MaxPool("max_pooling2d_1", 2),
                        new Flatten("flatten"),
                        new Dense(
                                "dense",
                                200,
                                10,
                                "softmax",
                                TestWeights.uniformFloats(rnd, 2000, Math.sqrt(6.0 / 200)),
                                TestWeights.uniformFloats(rnd, 10, 0.1))));
    }

    /** dense (8, relu) → simple_rnn (a While loop, 3 steps of tanh) → dense_1 (3, softmax) on 6 inputs; seed 3. */
    public static Spec looped() {
        Random rnd = new Random(3);
        return new Spec(
                "sequential",
                new int[] {6},
                List.of(
                        new Dense(
                                "dense",
                                6,
                                8,
                                "relu",
                                TestWeights.uniformFloats(rnd, 48, 0.7),
                                TestWeights.uniformFloats(rnd, 8, 0.1)),
                        new Loop("simple_rnn", 3, 8),
                        new Dense(
                                "dense_1",
                                8,
                                3,
                                "softmax",
                                TestWeights.uniformFloats(rnd, 24, 0.7),
                                TestWeights.uniformFloats(rnd, 3, 0.1))));
    }

    /** Regenerates the committed fixtures into {@code args[0]} (default src/test/resources/keras-savedmodels). */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/keras-savedmodels");
        write(dense(), root.resolve("dense"), Metadata.KERAS_METADATA_PB, false);
        write(cnn(), root.resolve("cnn"), Metadata.OBJECT_GRAPH, false);
        System.out.println("Wrote " + root.resolve("dense") + " and " + root.resolve("cnn"));
    }

    /**
     * Writes {@code spec} as a Keras-layout SavedModel: signature "serving_default" with input "input_1"
     * and output named after the last layer (plus "logits", the pre-softmax values, when
     * {@code withLogitsOutput}).
     */
    public static void write(Spec spec, Path dir, Metadata metadata, boolean withLogitsOutput) {
        try {
            SavedModelDirs.deleteTree(dir);
            Files.createDirectories(dir.getParent());
            List<String[]> vars = variables(spec); // {layer/kernel, shared name} in call-argument order
            try (Graph inner = new Graph();
                    Graph wrapper = new Graph();
                    Graph top = new Graph()) {
                // __inference__wrapped_model: the layers
                Ops ti = Ops.create(inner);
                Operand<TFloat32> xi = inputPlaceholder(ti, spec, "input_1");
                List<Output<?>> resI = resourcePlaceholders(inner, vars.size());
                Output<?>[] outs = KerasLayerOps.layers(ti, inner, spec, xi, resI, withLogitsOutput);
                Signature.Builder sb = Signature.builder()
                        .key("__inference__wrapped_model_1042")
                        .input("input_1", xi);
                for (int i = 0; i < resI.size(); i++) {
                    sb.input(argName(i), (Operand<?>) resI.get(i));
                }
                sb.output("output_0", (Operand<?>) outs[0]);
                if (withLogitsOutput) {
                    sb.output("output_1", (Operand<?>) outs[1]);
                }
                try (ConcreteFunction wrapped = ConcreteFunction.create(sb.build(), inner)) {
                    // __inference_signature_wrapper: calls the wrapped model
                    Ops tw = Ops.create(wrapper);
                    Operand<TFloat32> xw = inputPlaceholder(tw, spec, "input_1");
                    List<Output<?>> resW = resourcePlaceholders(wrapper, vars.size());
                    List<Operand<?>> args = new ArrayList<>();
                    args.add(xw);
                    resW.forEach(r -> args.add((Operand<?>) r));
                    List<Class<? extends org.tensorflow.types.family.TType>> tout =
                            withLogitsOutput ? List.of(TFloat32.class, TFloat32.class) : List.of(TFloat32.class);
                    var call = tw.withName("StatefulPartitionedCall").statefulPartitionedCall(args, tout, wrapped);
                    Signature.Builder wb = Signature.builder()
                            .key("__inference_signature_wrapper_1187")
                            .input("input_1", xw);
                    for (int i = 0; i < resW.size(); i++) {
                        wb.input(argName(i), (Operand<?>) resW.get(i));
                    }
                    wb.output("output_0", tw.withName("Identity").identity((Operand)
                            call.output().get(0)));
                    if (withLogitsOutput) {
                        wb.output("output_1", tw.withName("Identity_1").identity((Operand)
                                call.output().get(1)));
                    }
                    try (ConcreteFunction signatureWrapper = ConcreteFunction.create(wb.build(), wrapper)) {
                        exportTop(spec, dir, top, vars, signatureWrapper, withLogitsOutput);
                    }
                }
            }
            KerasMetadataWriter.addMetadata(spec, dir, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String argName(int i) {
        return i == 0 ? "unknown" : "unknown_" + (i - 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void exportTop(
            Spec spec, Path dir, Graph top, List<String[]> vars, ConcreteFunction fn, boolean withLogitsOutput)
            throws IOException {
        Ops tf = Ops.create(top);
        Operand<TFloat32> x = inputPlaceholder(tf, spec, "serving_default_input_1");
        List<Operand<?>> handles = new ArrayList<>();
        List<long[]> shapes = shapes(spec);
        for (int i = 0; i < vars.size(); i++) {
            String[] v = vars.get(i);
            String[] parts = v[0].split("/");
            handles.add(tf.withSubScope(parts[0])
                    .withName(parts[1])
                    .varHandleOp(TFloat32.class, Shape.of(shapes.get(i)), VarHandleOp.sharedName(v[0])));
        }
        List<Operand<?>> args = new ArrayList<>();
        args.add(x);
        args.addAll(handles);
        List<Class<? extends org.tensorflow.types.family.TType>> tout =
                withLogitsOutput ? List.of(TFloat32.class, TFloat32.class) : List.of(TFloat32.class);
        var call = tf.withName("StatefulPartitionedCall").statefulPartitionedCall(args, tout, fn);

        List<String> keys = new ArrayList<>();
        vars.forEach(v -> keys.add(v[1]));
        KerasSaver saver = KerasSaver.add(tf, keys, handles);

        Signature.Builder sig = Signature.builder()
                .key("serving_default")
                .input("input_1", x)
                .output(spec.layers().get(spec.layers().size() - 1).name(), (Operand)
                        call.output().get(0));
        if (withLogitsOutput) {
            sig.output("logits", (Operand) call.output().get(1));
        }
        List<float[]> values =
                weightsByLayer(spec).values().stream().flatMap(Arrays::stream).toList();
        try (Session session = new Session(top)) {
            // Initialise the variables by feeding the restore op's outputs with the weights.
            Session.Runner init = session.runner();
            List<org.tensorflow.Tensor> feeds = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                TFloat32 t = TFloat32.tensorOf(Shape.of(shapes.get(i)), DataBuffers.of(values.get(i), true, false));
                feeds.add(t);
                init.feed(saver.restored().get(i), t);
                init.addTarget(saver.assigns().get(i));
            }
            init.run();
            feeds.forEach(org.tensorflow.Tensor::close);
            SavedModelDirs.export(dir, session, sig.build());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operand<TFloat32> inputPlaceholder(Ops tf, Spec spec, String name) {
        long[] dims = new long[spec.inputShape().length + 1];
        dims[0] = -1;
        for (int i = 0; i < spec.inputShape().length; i++) {
            dims[i + 1] = spec.inputShape()[i];
        }
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
    }

    private static List<Output<?>> resourcePlaceholders(Graph g, int n) {
        List<Output<?>> res = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GraphOperation op = g.opBuilder("Placeholder", argName(i), g.baseScope())
                    .setAttr("dtype", DataType.DT_RESOURCE)
                    .setAttr("shape", Shape.scalar())
                    .build();
            res.add(op.output(0));
        }
        return res;
    }

    /** Variable names in call order: {"dense/kernel", "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE"}. */
    static List<String[]> variables(Spec spec) {
        List<String[]> vars = new ArrayList<>();
        int w = 0;
        for (KLayer l : spec.layers()) {
            if (l instanceof Dense || l instanceof Conv) {
                vars.add(new String[] {
                    l.name() + "/kernel", "layer_with_weights-" + w + "/kernel/.ATTRIBUTES/VARIABLE_VALUE"
                });
                vars.add(
                        new String[] {l.name() + "/bias", "layer_with_weights-" + w + "/bias/.ATTRIBUTES/VARIABLE_VALUE"
                        });
                w++;
            }
        }
        return vars;
    }

    private static List<long[]> shapes(Spec spec) {
        List<long[]> shapes = new ArrayList<>();
        for (KLayer l : spec.layers()) {
            if (l instanceof Dense d) {
                shapes.add(new long[] {d.in(), d.out()});
                shapes.add(new long[] {d.out()});
            } else if (l instanceof Conv c) {
                shapes.add(new long[] {c.k(), c.k(), c.in(), c.out()});
                shapes.add(new long[] {c.out()});
            }
        }
        return shapes;
    }

    /** The weights of every weighted layer by name: {kernel, bias}. */
    public static Map<String, float[][]> weightsByLayer(Spec spec) {
        Map<String, float[][]> m = new LinkedHashMap<>();
        for (KLayer l : spec.layers()) {
            if (l instanceof Dense d) {
                m.put(d.name(), new float[][] {d.kernel(), d.bias()});
            } else if (l instanceof Conv c) {
                m.put(c.name(), new float[][] {c.kernel(), c.bias()});
            }
        }
        return m;
    }
}
