package org.deepjunit.model.tensorflow;

import java.util.List;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Conv;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dropout;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Flatten;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.KLayer;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Loop;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.MaxPool;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ops of a {@link Spec}'s layers, named as tf.keras names them ({@code sequential/dense/MatMul},
 * {@code sequential/conv2d/Relu}...): the body of the fixtures' {@code __inference__wrapped_model_*} function,
 * which reads the weights from resource arguments as Keras does.
 */
final class KerasLayerOps {

    private KerasLayerOps() {}

    /** The ops of every layer under {@code <model>/<layer>/}; returns {output, logits}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Output<?>[] layers(
            Ops tf, Graph g, Spec spec, Operand<TFloat32> x, List<Output<?>> resources, boolean withLogits) {
        Ops model = tf.withSubScope(spec.modelName());
        Operand<TFloat32> current = x;
        Operand<TFloat32> logits = null;
        int r = 0;
        for (KLayer layer : spec.layers()) {
            Ops s = model.withSubScope(layer.name());
            String scope = spec.modelName() + "/" + layer.name() + "/";
            if (layer instanceof Dense d) {
                Operand<TFloat32> k = s.withName("MatMul_ReadVariableOp")
                        .readVariableOp((Operand) resources.get(r++), TFloat32.class);
                Operand<TFloat32> b = s.withName("BiasAdd_ReadVariableOp")
                        .readVariableOp((Operand) resources.get(r++), TFloat32.class);
                current = s.withName("MatMul").linalg.matMul(current, k);
                current = s.withName("BiasAdd").nn.biasAdd(current, b);
                logits = current;
                current = activation(s, d.activation(), current);
            } else if (layer instanceof Conv c) {
                Operand<TFloat32> k = s.withName("Conv2D_ReadVariableOp")
                        .readVariableOp((Operand) resources.get(r++), TFloat32.class);
                Operand<TFloat32> b = s.withName("BiasAdd_ReadVariableOp")
                        .readVariableOp((Operand) resources.get(r++), TFloat32.class);
                current = s.withName("Conv2D").nn.conv2d(current, k, List.of(1L, 1L, 1L, 1L), "VALID");
                current = s.withName("BiasAdd").nn.biasAdd(current, b);
                current = activation(s, c.activation(), current);
            } else if (layer instanceof MaxPool p) {
                long sz = p.size();
                current = (Operand) g.opBuilder("MaxPool", scope + "MaxPool", g.baseScope())
                        .addInput(current.asOutput())
                        .setAttr("ksize", new long[] {1, sz, sz, 1})
                        .setAttr("strides", new long[] {1, sz, sz, 1})
                        .setAttr("padding", "VALID")
                        .setAttr("data_format", "NHWC")
                        .build()
                        .output(0);
            } else if (layer instanceof Flatten) {
                long n = flatSize(spec, layer);
                current = s.withName("Reshape")
                        .reshape(current, s.withName("Const").constant(new int[] {-1, (int) n}));
            } else if (layer instanceof Dropout) {
                current = s.withName("Identity").identity(current);
            } else if (layer instanceof Loop l) {
                current = loop(s, current, l.steps(), l.units());
            }
        }
        Output<?> out = tf.withName("Identity").identity(current).asOutput();
        Output<?> lg = withLogits ? tf.withName("Identity_1").identity(logits).asOutput() : null;
        return new Output<?>[] {out, lg};
    }

    /** The number of values per sample entering {@code flatten} (shapes are not inferred through resource reads). */
    static int flatSize(Spec spec, KLayer flatten) {
        int[] dims = spec.inputShape().clone();
        for (KLayer l : spec.layers()) {
            if (l == flatten) {
                break;
            }
            if (l instanceof Conv c) {
                dims = new int[] {dims[0] - c.k() + 1, dims[1] - c.k() + 1, c.out()};
            } else if (l instanceof MaxPool p) {
                dims = new int[] {dims[0] / p.size(), dims[1] / p.size(), dims[2]};
            } else if (l instanceof Dense d) {
                dims = new int[] {d.out()};
            }
        }
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private static Operand<TFloat32> activation(Ops s, String activation, Operand<TFloat32> x) {
        if (activation == null || activation.equals("linear")) {
            return x;
        }
        return switch (activation) {
            case "relu" -> s.withName("Relu").nn.relu(x);
            case "softmax" -> s.withName("Softmax").nn.softmax(x);
            case "tanh" -> s.withName("Tanh").math.tanh(x);
            default -> throw new IllegalArgumentException("Unsupported activation " + activation);
        };
    }

    /** {@code for i in range(steps): h = tanh(h)} as a StatelessWhile over (i, h), then a reshape to a known shape. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operand<TFloat32> loop(Ops s, Operand<TFloat32> h, int steps, long units) {
        ConcreteFunction cond = ConcreteFunction.create(tf -> {
            Placeholder<TInt32> i = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, units)));
            return Signature.builder()
                    .key("simple_rnn_while_cond")
                    .input("i", i)
                    .input("h", v)
                    .output("c", tf.math.less(i, tf.constant(steps)))
                    .build();
        });
        ConcreteFunction body = ConcreteFunction.create(tf -> {
            Placeholder<TInt32> i = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, units)));
            return Signature.builder()
                    .key("simple_rnn_while_body")
                    .input("i", i)
                    .input("h", v)
                    .output("i_next", tf.math.add(i, tf.constant(1)))
                    .output("h_next", tf.math.tanh(v))
                    .build();
        });
        var w = s.withName("while").statelessWhile(List.of(s.withName("zero").constant(0), h), cond, body);
        Operand<TFloat32> out = (Operand) w.output().get(1);
        return s.withName("Reshape").reshape(out, s.withName("shape").constant(new int[] {-1, (int) units}));
    }
}
