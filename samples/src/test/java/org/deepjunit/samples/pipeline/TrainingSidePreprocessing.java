package org.deepjunit.samples.pipeline;

import java.util.function.BiFunction;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.TensorStage;
import org.deepjunit.samples.mnist.LeNets;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * The pre-processing as the model's training code does it, with TensorFlow's own ops ({@code
 * tf.image.rgb_to_grayscale}, {@code tf.image.resize(method="area")}, {@code 1 - x / 255}), run through TensorFlow
 * Java: an independent implementation of {@link Digits#pipeline}'s stages, stage for stage, to compare with.
 */
final class TrainingSidePreprocessing {

    private TrainingSidePreprocessing() {
    }

    /** LeNet-{@code n} behind TensorFlow's pre-processing; its stages pair with the serving pipeline's by position. */
    static TensorPipeline pipeline(int n) {
        return TensorPipeline.builder("tf-digits-lenet" + n, Shape.of(56, 56, 3))
                .then(op("tf.image.rgb_to_grayscale", s -> Shape.of(s.dim(0), s.dim(1), 1), (tf, x) ->
                        // rgb_to_grayscale: the channels weighted and summed, keeping a channel axis
                        tf.reduceSum(tf.math.mul(x, tf.constant(new float[] {0.2989f, 0.5870f, 0.1140f})),
                                tf.constant(-1), ReduceSum.keepDims(true))))
                .then(op("tf.image.resize(area)", s -> Shape.of(28, 28, 1),
                        (tf, x) -> tf.image.resizeArea(x, tf.constant(new int[] {28, 28}))))
                .then(op("1 - x / 255", s -> s,
                        (tf, x) -> tf.math.sub(tf.constant(1f), tf.math.div(x, tf.constant(255f)))))
                .model(LeNets.tensorflow("lenet" + n, "lenet" + n + "-tf"))
                .build();
    }

    private static TensorStage op(String name, java.util.function.UnaryOperator<Shape> shape,
                                  BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> op) {
        return TensorStage.of(name, shape, batch -> run(batch, op));
    }

    private static Tensor run(Tensor batch, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> op) {
        int[] dims = batch.shape().dims();
        long[] longs = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longs[i] = dims[i];
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> x = tf.constant(org.tensorflow.ndarray.Shape.of(longs),
                    DataBuffers.of(batch.toFloatArray(), true, false));
            try (Result r = s.runner().fetch(op.apply(tf, x)).run()) {
                org.tensorflow.Tensor t = r.get(0);
                float[] values = new float[Math.toIntExact(t.shape().size())];
                t.asRawTensor().data().asFloats().read(values);
                return Tensor.wrap(values, Shape.ofLongs(t.shape().asArray()));
            }
        }
    }
}
