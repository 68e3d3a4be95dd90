package org.deepjunit.quality.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Predictions;

/**
 * The paired bootstrap of a metric's difference between a candidate and a baseline on the same samples: draw
 * {@code n} sample indices with replacement, compute the metric of the candidate and of the baseline on the same
 * indices, and keep the difference (candidate − baseline); repeat {@code B} times (2,000 unless set).
 *
 * <ul>
 *   <li>The interval is the percentile interval: the {@code (1 − level)/2} and {@code (1 + level)/2} quantiles of
 *       the {@code B} differences, each interpolated linearly between order statistics at position {@code (B − 1)
 *       · q} (numpy's default percentile).
 *   <li>The two-sided p-value for "the difference is 0" is {@code min(1, 2 · min(1 + #{d ≤ 0}, 1 + #{d ≥ 0}) / (B
 *       + 1))}: twice the smaller share of resampled differences on either side of 0, each counted with the
 *       observed sample as one more draw (Davison and Hinkley), so it is never 0 and is 1 when every difference is
 *       0. With 2,000 resamples its smallest value is about 0.001.
 * </ul>
 *
 * <p>Indices come from a {@link SplittableRandom} seeded with the given seed, so a seed gives the same result on
 * every run and machine. Instances are immutable and may be shared between threads.
 *
 * <pre>{@code
 * BootstrapResult r = PairedBootstrap.withSeed(42).compare(Metrics.MACRO_F1, baseline, candidate);
 * assertThat(r.lower()).as("macro F1 may not drop").isGreaterThan(-0.01);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class PairedBootstrap {

    /** The number of resamples unless another is set: 2,000. */
    public static final int DEFAULT_RESAMPLES = 2_000;

    private final long seed;
    private final int resamples;
    private final double confidence;

    private PairedBootstrap(long seed, int resamples, double confidence) {
        this.seed = seed;
        this.resamples = resamples;
        this.confidence = confidence;
    }

    /** A bootstrap with 2,000 resamples and a 95% interval, drawing indices from {@code seed}. */
    public static PairedBootstrap withSeed(long seed) {
        return new PairedBootstrap(seed, DEFAULT_RESAMPLES, 0.95);
    }

    /** This bootstrap with {@code count} resamples ({@code ≥ 1}). */
    public PairedBootstrap resamples(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("paired bootstrap: needs at least 1 resample, was " + count);
        }
        return new PairedBootstrap(seed, count, confidence);
    }

    /** This bootstrap with its interval at {@code level}, e.g. 0.95. */
    public PairedBootstrap confidence(double level) {
        Paired.confidence("paired bootstrap", level);
        return new PairedBootstrap(seed, resamples, level);
    }

    /** The bootstrap of {@code metric}'s difference, candidate − baseline; both must have the same labels. */
    public BootstrapResult compare(Metric metric, Predictions baseline, Predictions candidate) {
        String test = "paired bootstrap of " + metric.name();
        Paired.sameSamples(test, baseline, candidate);
        return compare(
                test,
                baseline.size(),
                indices -> metric.compute(baseline.subset(indices)),
                indices -> metric.compute(candidate.subset(indices)));
    }

    /**
     * The bootstrap of {@code candidate(indices) − baseline(indices)} over {@code n} samples: each function computes
     * its model's metric on the samples at the given indices (which repeat in a resample).
     */
    public BootstrapResult compare(int n, ToDoubleFunction<int[]> baseline, ToDoubleFunction<int[]> candidate) {
        return compare("paired bootstrap", n, baseline, candidate);
    }

    private BootstrapResult compare(
            String test, int n, ToDoubleFunction<int[]> baseline, ToDoubleFunction<int[]> candidate) {
        if (n < 1) {
            throw new IllegalArgumentException(test + ": no samples; give at least one");
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double observed = candidate.applyAsDouble(all) - baseline.applyAsDouble(all);
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[resamples];
        int atMostZero = 0;
        int atLeastZero = 0;
        int[] indices = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                indices[i] = random.nextInt(n);
            }
            double d;
            try {
                d = candidate.applyAsDouble(indices.clone()) - baseline.applyAsDouble(indices.clone());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        test + ": resample " + (r + 1) + " of " + resamples + " (seed " + seed + ") failed: "
                                + e.getMessage(),
                        e);
            }
            if (Double.isNaN(d)) {
                throw new IllegalArgumentException(
                        test + ": resample " + (r + 1) + " of " + resamples + " gave a NaN difference");
            }
            differences[r] = d;
            atMostZero += d <= 0 ? 1 : 0;
            atLeastZero += d >= 0 ? 1 : 0;
        }
        Arrays.sort(differences);
        double alpha = 1 - confidence;
        double pValue = Math.min(1, 2.0 * (1 + Math.min(atMostZero, atLeastZero)) / (resamples + 1));
        return new BootstrapResult(
                observed,
                quantile(differences, alpha / 2),
                quantile(differences, 1 - alpha / 2),
                pValue,
                resamples,
                confidence);
    }

    /**
     * The {@code q} quantile ({@code 0 ≤ q ≤ 1}) of ascending {@code sorted} values, interpolated linearly between
     * the order statistics around position {@code (B − 1) · q} (numpy's default percentile): the percentile
     * interval's bounds. Equal neighbours give their value, so an infinite one (a ratio over a zero rate) stays
     * infinite rather than becoming NaN.
     */
    @API(status = EXPERIMENTAL, since = "0.5")
    public static double quantile(double[] sorted, double q) {
        double position = (sorted.length - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        if (sorted[above] == sorted[below] || position == below) {
            return sorted[below];
        }
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public String toString() {
        return "PairedBootstrap[seed " + seed + ", " + resamples + " resamples, " + confidence + " confidence]";
    }
}
