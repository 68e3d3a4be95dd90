package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * {@code min(max(x, low), high)} element by element. Its gradient passes where {@code low <= x <= high} and is 0
 * where the value was clipped, as TensorFlow's {@code clip_by_value} gradient does.
 */
final class ClipStage implements DifferentiableStage {

    private final String name;
    private final double low;
    private final double high;

    ClipStage(String name, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException(
                    "Stage '" + name + "': clip needs low <= high, got [" + low + ", " + high + "]");
        }
        this.name = name;
        this.low = low;
        this.high = high;
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
            x[i] = Math.min(Math.max(x[i], low), high);
        }
        return Elementwise.like(input, x);
    }

    @Override
    public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Elementwise.checkGradient(this, input, outputGradient);
        double[] x = input.toDoubleArray();
        double[] g = outputGradient.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            if (x[i] < low || x[i] > high) {
                g[i] = 0;
            }
        }
        return Elementwise.like(input, g);
    }

    @Override
    public String toString() {
        return name + "[" + low + ", " + high + "]";
    }
}
