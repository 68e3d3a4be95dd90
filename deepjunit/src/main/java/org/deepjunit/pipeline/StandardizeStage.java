package org.deepjunit.pipeline;

import java.util.Arrays;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** {@code (x − mean[c]) / std[c]} per channel {@code c} of the last axis; one value applies to every channel. */
final class StandardizeStage implements DifferentiableStage {

    private final String name;
    private final double[] mean;
    private final double[] std;

    StandardizeStage(String name, double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Stage '" + name + "': give one mean and one standard deviation per"
                    + " channel (or one of each for all channels); got " + mean.length + " means and " + std.length
                    + " standard deviations");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("Stage '" + name + "': channel " + c + " has mean " + mean[c]
                        + " and standard deviation " + std[c] + "; means must be finite and deviations positive");
            }
        }
        this.name = name;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        int channels = Elementwise.channels(input);
        if (mean.length != 1 && channels != mean.length) {
            throw new StageException(
                    name,
                    "has statistics for " + mean.length + " channels (the last axis), but the input sample " + input
                            + " has " + channels);
        }
        return input;
    }

    @Override
    public Tensor apply(Tensor input) {
        int channels = Elementwise.channels(outputShape(input.shape().withoutBatch()));
        double[] x = input.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            int c = mean.length == 1 ? 0 : i % channels;
            x[i] = (x[i] - mean[c]) / std[c];
        }
        return Elementwise.like(input, x);
    }

    @Override
    public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Elementwise.checkGradient(this, input, outputGradient);
        int channels = Elementwise.channels(input.shape().withoutBatch());
        double[] g = outputGradient.toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            g[i] /= std[mean.length == 1 ? 0 : i % channels];
        }
        return Elementwise.like(input, g);
    }

    @Override
    public String toString() {
        return name + "(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
