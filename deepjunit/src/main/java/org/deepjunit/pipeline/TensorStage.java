package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * A stage on batches of tensors: {@code [batch, ...sample shape]} in, {@code [batch, ...output shape]} out, each
 * sample independent of the others. It states its output shape for an input shape, so that a pipeline is checked
 * when it is built, not at the first image. A stage whose gradient is known implements
 * {@link DifferentiableStage}.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public interface TensorStage extends Stage<Tensor, Tensor> {

    /**
     * The shape of one output sample for one input sample's shape.
     *
     * @throws StageException naming the stage and what it expects, when {@code input} does not fit
     */
    Shape outputShape(Shape input);

    /**
     * {@code stage} under another name, differentiable if it is: for a second stage of the same kind in one pipeline
     * (stage names are unique there, since failures and traces name stages).
     */
    static TensorStage renamed(String name, TensorStage stage) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        return stage instanceof DifferentiableStage differentiable
                ? new RenamedStage.Differentiable(name, differentiable)
                : new RenamedStage(name, stage);
    }

    /**
     * A stage from a function of yours on batches; it is not differentiable, so gradient-based generation runs in
     * the input space after it.
     *
     * @param shape   the output sample shape for an input sample shape
     * @param function the batch function; must keep the batch size
     */
    static TensorStage of(String name, UnaryOperator<Shape> shape, UnaryOperator<Tensor> function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(function, "function");
        return new TensorStage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Shape outputShape(Shape input) {
                return shape.apply(input);
            }

            @Override
            public Tensor apply(Tensor input) {
                return function.apply(input);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
