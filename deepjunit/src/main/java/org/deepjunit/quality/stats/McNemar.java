package org.deepjunit.quality.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Predictions;

/**
 * McNemar's exact test of two classifiers on the same samples. Only the discordant samples count: {@code b} that
 * the baseline gets right and the candidate wrong, {@code c} the other way round. If both are equally accurate,
 * {@code b ~ Bin(b + c, 1/2)}, and the exact two-sided p-value is {@code min(1, 2 · P(X ≤ min(b, c)))} ({@code 1}
 * when {@code b + c = 0}), summed in log space so that it stays accurate for {@code b + c} in the millions.
 *
 * <p>The interval for the accuracy difference {@code (c − b)/n} is Agresti and Min's adjusted Wald interval ("Wald+2",
 * Statistics in Medicine 24:729–740, 2005): add 1/2 to each of the four cells, then {@code d̃ ± z · √((b + c + 1) −
 * (c − b)²/(n + 2)) / (n + 2)} with {@code d̃ = (c − b)/(n + 2)}, truncated to {@code [−1, 1]}. Unlike the plain
 * Wald interval it keeps a width when there are no discordant samples, and it covers better for small counts.
 *
 * <p>{@code b}, {@code c} and {@code n} are sums over samples, so shards of an evaluation merge by adding them
 * before {@link #fromCounts}.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class McNemar {

    /** The confidence level unless another is given: 0.95. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** ln 2 split as in fdlibm: {@code LN2_HI} has few enough bits that {@code N · LN2_HI} is exact below 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;

    private McNemar() {}

    /** The test at 95% confidence; {@code true} marks a sample the model got right. */
    public static McNemarResult test(boolean[] baselineCorrect, boolean[] candidateCorrect) {
        return test(baselineCorrect, candidateCorrect, DEFAULT_CONFIDENCE);
    }

    /** The test with an interval at {@code confidence}, e.g. 0.95; {@code true} marks a sample the model got right. */
    public static McNemarResult test(boolean[] baselineCorrect, boolean[] candidateCorrect, double confidence) {
        if (baselineCorrect.length != candidateCorrect.length) {
            throw new IllegalArgumentException("McNemar: the baseline has " + baselineCorrect.length
                    + " samples, but the candidate " + candidateCorrect.length
                    + "; compare both on the same samples");
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < baselineCorrect.length; i++) {
            if (baselineCorrect[i] && !candidateCorrect[i]) {
                b++;
            } else if (!baselineCorrect[i] && candidateCorrect[i]) {
                c++;
            }
        }
        return fromCounts(b, c, baselineCorrect.length, confidence);
    }

    /**
     * The test of {@code metric}'s per-sample correctness (accuracy, top-k accuracy) of two models' predictions on
     * the same samples.
     */
    public static McNemarResult compare(Metric metric, Predictions baseline, Predictions candidate) {
        if (!metric.perSampleCorrectness()) {
            throw new IllegalArgumentException("McNemar: " + metric.name() + " is not a mean of per-sample"
                    + " correctness; compare it with PairedBootstrap, or use Metrics.ACCURACY or Metrics.topK(k)");
        }
        Paired.sameSamples("McNemar", baseline, candidate);
        return test(metric.correct(baseline), metric.correct(candidate), DEFAULT_CONFIDENCE);
    }

    /** The test from the discordant counts {@code b}, {@code c} of {@code n} samples. */
    public static McNemarResult fromCounts(long b, long c, long n, double confidence) {
        if (n < 1) {
            throw new IllegalArgumentException("McNemar: no samples; give at least one");
        }
        if (b < 0 || c < 0 || b + c > n) {
            throw new IllegalArgumentException("McNemar: the discordant counts b = " + b + " and c = " + c
                    + " must be >= 0 and sum to at most" + " n = " + n);
        }
        Paired.confidence("McNemar", confidence);
        double z = Normal.quantile(1 - (1 - confidence) / 2);
        double m = n + 2.0;
        double adjusted = (c - b) / m;
        double sd = Math.sqrt((b + c + 1) - (double) (c - b) * (c - b) / m) / m;
        double lower = Math.max(-1, adjusted - z * sd);
        double upper = Math.min(1, adjusted + z * sd);
        return new McNemarResult(b, c, n, (double) (c - b) / n, lower, upper, exactPValue(b, c), confidence);
    }

    /** The exact two-sided p-value {@code min(1, 2 · P(X ≤ min(b, c)))}, {@code X ~ Bin(b + c, 1/2)}. */
    public static double exactPValue(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("McNemar: the discordant counts must be >= 0, were " + b + ", " + c);
        }
        long trials = b + c;
        long k = Math.min(b, c);
        if (2 * k >= trials) {
            return 1; // b = c, including b + c = 0: P(X ≤ k) ≥ 1/2
        }
        // ln P(X = k) = Σ_{i=1..k} ln((N − k + i) / i) − N ln 2, summed with Neumaier's compensation so that the
        // rounding of thousands of terms does not add up
        double logPmf = 0;
        double compensation = 0;
        for (long i = 0; i <= k + 1; i++) {
            double term =
                    i == 0 ? -trials * LN2_HI : i == k + 1 ? -trials * LN2_LO : Math.log((double) (trials - k + i) / i);
            double t = logPmf + term;
            compensation += Math.abs(logPmf) >= Math.abs(term) ? (logPmf - t) + term : (term - t) + logPmf;
            logPmf = t;
        }
        logPmf += compensation;
        // P(X ≤ k) = P(X = k) · Σ_{j ≤ k} P(X = j)/P(X = k); P(X = j − 1)/P(X = j) = j / (N − j + 1) < 1
        double ratio = 1;
        double sum = 1;
        for (long j = k; j >= 1 && ratio > 1e-18 * sum; j--) {
            ratio *= (double) j / (trials - j + 1);
            sum += ratio;
        }
        return Math.min(1, 2 * Math.exp(logPmf + Math.log(sum)));
    }
}
