package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** A tensor stage under another name (see {@link TensorStage#renamed}). */
class RenamedStage implements TensorStage {

    private final String name;
    private final TensorStage stage;

    RenamedStage(String name, TensorStage stage) {
        this.name = name;
        this.stage = stage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return stage.outputShape(input);
    }

    @Override
    public Tensor apply(Tensor input) {
        return stage.apply(input);
    }

    @Override
    public String toString() {
        return name + " (" + stage + ")";
    }

    /** The differentiable variant, so that gradients still flow through a renamed stage. */
    static final class Differentiable extends RenamedStage implements DifferentiableStage {
        private final DifferentiableStage stage;

        Differentiable(String name, DifferentiableStage stage) {
            super(name, stage);
            this.stage = stage;
        }

        @Override
        public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
            return stage.vectorJacobianProduct(input, outputGradient);
        }
    }
}
