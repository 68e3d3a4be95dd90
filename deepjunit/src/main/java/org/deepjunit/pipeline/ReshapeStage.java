package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** The same values, in row-major order, under another sample shape: a [28, 28] model behind [28, 28, 1] images. */
final class ReshapeStage implements DifferentiableStage {

    private final String name;
    private final Shape shape;

    ReshapeStage(String name, Shape shape) {
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException(
                    "Stage '" + name + "': the target shape " + shape + " must have every dimension known");
        }
        this.name = name;
        this.shape = shape;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!input.isFullyKnown() || input.size() != shape.size()) {
            throw new StageException(
                    name,
                    "reshapes samples of " + shape.size() + " values to " + shape + ", but the input sample " + input
                            + " has " + (input.isFullyKnown() ? input.size() + " values" : "unknown dimensions"));
        }
        return shape;
    }

    @Override
    public Tensor apply(Tensor input) {
        return input.reshape(shape.withBatch(input.batchSize()).dims());
    }

    @Override
    public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Elementwise.checkGradient(this, input, outputGradient);
        return outputGradient.reshape(input.shape().dims());
    }

    @Override
    public String toString() {
        return name + shape;
    }
}
