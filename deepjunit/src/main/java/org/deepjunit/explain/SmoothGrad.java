package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * SmoothGrad (Smilkov et al. 2017): the mean input gradient over {@code n} noisy copies {@code x + N(0, σ²)}, with
 * {@code σ} a fraction of the input's range ({@code noise}, 0.15 by default: the paper's 10–20%). The noise comes
 * from a fixed seed, so the same input gives the same attribution on every run.
 *
 * <pre>{@code
 * Attribution a = Explain.smoothGrad(model)
 *         .samples(50)            // n, the default
 *         .noise(0.15)            // σ = 0.15 · (max − min)
 *         .range(0, 1)            // the valid range; by default the input's own min and max
 *         .seed(2017)             // 0 by default
 *         .explain(image);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class SmoothGrad extends BaseExplainer {

    private int samples = 50;
    private double noise = 0.15;
    private double[] range;
    private long seed;
    private int internalBatchSize = 50;

    SmoothGrad(Model model) {
        super(model);
    }

    /** Explains class {@code c} rather than the predicted class. */
    public SmoothGrad target(int c) {
        setTarget(c);
        return this;
    }

    /** The score explained; {@link Score#AUTO} by default. */
    public SmoothGrad score(Score score) {
        setScore(score);
        return this;
    }

    /** The number of noisy copies {@code n} (default 50). */
    public SmoothGrad samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("SmoothGrad needs at least 1 sample, got " + n);
        }
        this.samples = n;
        return this;
    }

    /** {@code σ / (max − min)}, the noise level (default 0.15); 0 gives the plain gradient. */
    public SmoothGrad noise(double level) {
        if (!(level >= 0) || Double.isInfinite(level)) {
            throw new IllegalArgumentException("The noise level is a finite fraction >= 0, got " + level);
        }
        this.noise = level;
        return this;
    }

    /** The valid input range {@code σ} is a fraction of; by default each input's own minimum and maximum. */
    public SmoothGrad range(double min, double max) {
        if (!(max > min) || Double.isInfinite(max - min)) {
            throw new IllegalArgumentException("A range needs finite min < max, got [" + min + ", " + max + "]");
        }
        this.range = new double[] {min, max};
        return this;
    }

    /** The noise's seed (default 0). */
    public SmoothGrad seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many noisy copies one gradient call computes (default 50). */
    public SmoothGrad internalBatchSize(int size) {
        this.internalBatchSize = Batches.checkBatchSize(size);
        return this;
    }

    @Override
    public String method() {
        return "smoothgrad";
    }

    @Override
    Attribution compute(Tensor x, TargetFunction f, double fx) {
        double[] sum = Batches.gradientSum(f, x.shape().withoutBatch(), samples, internalBatchSize, noisy(x));
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= samples;
        }
        return new Attribution(
                method(), model.name(), f.targetClass(), f.score(), Tensor.wrap(sum, x.shape()), fx, Double.NaN);
    }

    /** The noisy copies of {@code x}, drawn in order from the seed: copy k is the same whatever the batch size. */
    Batches.Points noisy(Tensor x) {
        double[] v = x.toDoubleArray();
        double sigma = noise * span(v);
        Random random = new Random(seed);
        return (k, into, off) -> {
            for (int i = 0; i < v.length; i++) {
                into[off + i] = v[i] + sigma * random.nextGaussian();
            }
        };
    }

    private double span(double[] v) {
        if (range != null) {
            return range[1] - range[0];
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max > min ? max - min : 1;
    }
}
