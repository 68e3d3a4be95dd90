package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * The frame of every differentiable image stage: checks shapes against what the stage expects, computes in double
 * precision on the flat row-major data, and gives results (and gradients) in the input's data type. Subclasses say
 * what fits ({@link #output}) and compute forward and backward on flat arrays.
 */
abstract class ImageStage implements DifferentiableStage {

    static final String IMAGE = "[batch, H, W, C]";

    private final String name;

    ImageStage(String name) {
        this.name = name;
    }

    /**
     * The output batch shape for an input batch shape whose batch dimension may be {@link Shape#UNKNOWN}; throws
     * {@link StageException} (see {@link #mismatch}) when the input does not fit.
     */
    abstract Shape output(Shape input);

    /** The output data for input data {@code x} of shape {@code in}, whose output shape is {@code out}. */
    abstract double[] forward(double[] x, Shape in, Shape out);

    /** The input gradient for the output gradient {@code g} (shape {@code out}) at an input of shape {@code in}. */
    abstract double[] backward(double[] g, Shape in, Shape out);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Shape outputShape(Shape input) {
        return output(input.withBatch(Shape.UNKNOWN)).withoutBatch();
    }

    @Override
    public final Tensor apply(Tensor input) {
        Shape out = output(input.shape());
        return Elementwise.like(input, forward(input.toDoubleArray(), input.shape(), out), out);
    }

    @Override
    public final Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Shape out = output(input.shape());
        Elementwise.checkGradient(this, input, outputGradient);
        return Elementwise.like(input, backward(outputGradient.toDoubleArray(), input.shape(), out));
    }

    /** The exception for an input that does not fit: "Stage 'name': expects {expectation}; got {shape}". */
    final StageException mismatch(String expectation, Shape got) {
        return new StageException(name, "expects " + expectation + "; got " + got);
    }

    /** Checks that {@code input} is a batch of channels-last images {@code [batch, H, W, C]}. */
    final void requireImage(Shape input) {
        requireRank4(input, "an image " + IMAGE);
    }

    final void requireRank4(Shape input, String expectation) {
        if (input.rank() != 4) {
            throw mismatch(expectation, input);
        }
    }

    /** {@code d + add}, or unknown when {@code d} is. */
    static int plus(int d, int add) {
        return d == Shape.UNKNOWN ? Shape.UNKNOWN : d + add;
    }

    @Override
    public String toString() {
        return name;
    }
}
