package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Max-sensitivity (Yeh et al. 2019): how far an explanation moves under small input noise, the largest
 * {@code ‖Φ(x') − Φ(x)‖₂ / ‖Φ(x)‖₂} over {@code n} inputs {@code x'} drawn uniformly from the L∞ ball of radius
 * {@code r} around {@code x} (Captum's default perturbation), each explained for the class {@code x} was. A stable
 * explainer stays well below 1; one that jumps with noise approaches or exceeds it.
 *
 * <pre>{@code
 * MaxSensitivity.Result s = MaxSensitivity.of(Explain.saliency(lenet5))
 *         .radius(0.02).samples(10).seed(0).range(0, 1)
 *         .at(image);
 * s.max();            // e.g. 0.31
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class MaxSensitivity {

    /**
     * What was measured.
     *
     * @param max       the largest relative change
     * @param mean      the mean relative change
     * @param worst     the index (from 0) of the noisy copy with the largest change
     * @param radius    the L∞ radius of the noise
     * @param samples   how many noisy copies were explained
     * @param reference the attribution at the input itself
     */
    public record Result(double max, double mean, int worst, double radius, int samples, Attribution reference) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "max-sensitivity %.4g (mean %.4g, worst copy %d of %d within radius %s) of %s",
                    max,
                    mean,
                    worst,
                    samples,
                    radius,
                    reference.describe());
        }
    }

    private final Explainer explainer;
    private double radius = 0.02;
    private int samples = 10;
    private long seed;
    private double[] range;

    private MaxSensitivity(Explainer explainer) {
        this.explainer = Objects.requireNonNull(explainer, "explainer");
    }

    public static MaxSensitivity of(Explainer explainer) {
        return new MaxSensitivity(explainer);
    }

    /** The L∞ radius of the noise (default 0.02, in the input's units). */
    public MaxSensitivity radius(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("The radius is a finite number > 0, got " + radius);
        }
        this.radius = radius;
        return this;
    }

    /** How many noisy copies (default 10). */
    public MaxSensitivity samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Max-sensitivity needs at least 1 sample, got " + n);
        }
        this.samples = n;
        return this;
    }

    /** The noise's seed (default 0). */
    public MaxSensitivity seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Clips the noisy copies to the valid range {@code [min, max]}; by default they are not clipped. */
    public MaxSensitivity range(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("A range needs min < max, got [" + min + ", " + max + "]");
        }
        this.range = new double[] {min, max};
        return this;
    }

    /** Measures at {@code input} (one sample, {@code [1, ...]} or without batch). */
    public Result at(Tensor input) {
        Attribution reference = explainer.explain(input);
        if (reference.norm() == 0) {
            throw new IllegalArgumentException("The attribution of " + reference.describe()
                    + " is zero everywhere at this input: its sensitivity is undefined");
        }
        double[] x = input.toDoubleArray();
        Random random = new Random(seed);
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int worst = 0;
        for (int k = 0; k < samples; k++) {
            double[] noisy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double v = x[i] + radius * (2 * random.nextDouble() - 1);
                noisy[i] = range == null ? v : Math.min(range[1], Math.max(range[0], v));
            }
            Attribution a = explainer.explain(Tensor.wrap(noisy, input.shape()), reference.targetClass());
            double s = reference.relativeDistance(a);
            sum += s;
            if (s > max) {
                max = s;
                worst = k;
            }
        }
        return new Result(max, sum / samples, worst, radius, samples, reference);
    }
}
