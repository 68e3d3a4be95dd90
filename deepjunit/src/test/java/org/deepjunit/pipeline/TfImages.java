package org.deepjunit.pipeline;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.function.BiFunction;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/** Runs TensorFlow's own ops (through TensorFlow Java) on a float32 batch or on image bytes, to compare with. */
final class TfImages {

    private TfImages() {}

    /** {@code op(images)} computed by TensorFlow, {@code images} given as a float32 constant. */
    static Tensor run(Tensor images, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> op) {
        long[] dims = new long[images.shape().rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = images.shape().dim(i);
        }
        return compute(tf -> op.apply(
                tf,
                tf.constant(
                        org.tensorflow.ndarray.Shape.of(dims), DataBuffers.of(images.toFloatArray(), true, false))));
    }

    /** TensorFlow's decoder {@code op} ({@code DecodePng}, {@code DecodeJpeg}) on {@code bytes}: {@code [1, H, W, C]}. */
    static Tensor decode(byte[] bytes, BiFunction<Ops, Operand<TString>, Operand<TUint8>> op) {
        // ISO-8859-1 maps each byte to one char and back, so the string constant holds the bytes unchanged
        return compute(tf -> {
            Operand<TUint8> pixels = op.apply(tf, tf.constant(ISO_8859_1, new String(bytes, ISO_8859_1)));
            return tf.dtypes.cast(tf.expandDims(pixels, tf.constant(0)), TFloat32.class);
        });
    }

    private static Tensor compute(java.util.function.Function<Ops, Operand<TFloat32>> graph) {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Operand<TFloat32> y = graph.apply(Ops.create(g));
            try (Result r = s.runner().fetch(y).run()) {
                org.tensorflow.Tensor t = r.get(0);
                float[] values = new float[Math.toIntExact(t.shape().size())];
                t.asRawTensor().data().asFloats().read(values);
                return Tensor.wrap(values, Shape.ofLongs(t.shape().asArray()));
            }
        }
    }
}
