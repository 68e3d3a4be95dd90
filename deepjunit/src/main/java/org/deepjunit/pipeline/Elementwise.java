package org.deepjunit.pipeline;

import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** Shared plumbing of the tensor stages: values in double precision, results in the input's data type. */
final class Elementwise {

    private Elementwise() {}

    /** {@code values} as a tensor of {@code like}'s data type and the given shape. */
    static Tensor like(Tensor like, double[] values, Shape shape) {
        Tensor t = Tensor.wrap(values, shape);
        return like.dataType() == DataType.FLOAT64 ? t : t.as(like.dataType());
    }

    /** {@code values} as a tensor of {@code like}'s data type and shape. */
    static Tensor like(Tensor like, double[] values) {
        return like(like, values, like.shape());
    }

    /** The size of the last axis, the channels of a channels-last sample. */
    static int channels(Shape sample) {
        return sample.rank() == 0 ? 1 : sample.last();
    }

    /** Checks that a stage's gradient has the shape of the stage's output for {@code input}. */
    static void checkGradient(TensorStage stage, Tensor input, Tensor outputGradient) {
        Shape expected = stage.outputShape(input.shape().withoutBatch()).withBatch(input.batchSize());
        if (!outputGradient.shape().equals(expected)) {
            throw new StageException(
                    stage.name(),
                    "the output gradient has shape " + outputGradient.shape() + ", but the stage's output for an"
                            + " input of shape " + input.shape() + " has shape " + expected);
        }
    }
}
