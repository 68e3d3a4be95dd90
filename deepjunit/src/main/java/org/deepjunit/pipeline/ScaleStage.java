package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** {@code x·factor + offset}, element by element. */
final class ScaleStage implements DifferentiableStage {

    private final String name;
    private final double factor;
    private final double offset;

    ScaleStage(String name, double factor, double offset) {
        if (!Double.isFinite(factor) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException(
                    "Stage '" + name + "': factor and offset must be finite, were " + factor + " and " + offset);
        }
        this.name = name;
        this.factor = factor;
        this.offset = offset;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor apply(Tensor input) {
        double[] x = input.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * factor + offset;
        }
        return Elementwise.like(input, x);
    }

    @Override
    public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Elementwise.checkGradient(this, input, outputGradient);
        double[] g = outputGradient.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            g[i] *= factor;
        }
        return Elementwise.like(input, g);
    }

    @Override
    public String toString() {
        return name + "(x·" + factor + (offset == 0 ? "" : " + " + offset) + ")";
    }
}
