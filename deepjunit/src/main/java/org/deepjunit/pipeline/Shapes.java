package org.deepjunit.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** Shape bookkeeping of a chain of stages. */
final class Shapes {

    private Shapes() {}

    /** The sample shape after {@code stages}, each checking what it is given. */
    static Shape through(String pipeline, List<TensorStage> stages, Shape input) {
        Shape shape = input;
        for (TensorStage stage : stages) {
            shape = stage.outputShape(shape);
            if (shape == null) {
                throw new StageException(stage.name(), "gave no output shape (null) in pipeline '" + pipeline + "'");
            }
        }
        return shape;
    }

    /** Applies a stage, checking that it keeps the batch and gives the shape it states. */
    static Tensor applyChecked(TensorStage stage, Tensor input) {
        Shape expected = stage.outputShape(input.shape().withoutBatch());
        Tensor output = stage.apply(input);
        if (output == null
                || output.shape().rank() != expected.rank() + 1
                || output.batchSize() != input.batchSize()
                || !expected.accepts(output.shape().withoutBatch())) {
            throw new StageException(
                    stage.name(),
                    "gave " + (output == null ? "null" : "a tensor of shape " + output.shape()) + " for an input of"
                            + " shape " + input.shape() + "; its outputShape says "
                            + expected.withBatch(input.batchSize()));
        }
        return output;
    }

    static void requireUniqueNames(String pipeline, List<? extends Stage<?, ?>> stages) {
        Set<String> seen = new HashSet<>();
        for (Stage<?, ?> stage : stages) {
            if (!seen.add(stage.name())) {
                throw new IllegalArgumentException("Pipeline '" + pipeline + "' has two stages named '"
                        + stage.name() + "': failures and traces name stages, so rename one with"
                        + " TensorStage.renamed(\"" + stage.name() + "-2\", stage)");
            }
        }
    }
}
