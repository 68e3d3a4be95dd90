package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.ConfusionMatrix;

/**
 * One group's outcomes for one positive class, one-vs-rest: a sample is positive when its true class is the
 * positive class, and selected when its predicted class is. Rates whose denominator is 0 are {@code NaN}: a group
 * without positive samples has no true positive rate (where Fairlearn would report 0).
 *
 * <pre>{@code
 * BinaryCounts women = report.counts().binary("sex=F", 1);
 * double tpr = women.truePositiveRate();          // tp / (tp + fn)
 * }</pre>
 *
 * @param truePositives positive samples predicted positive
 * @param falsePositives negative samples predicted positive
 * @param trueNegatives negative samples predicted negative
 * @param falseNegatives positive samples predicted negative
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record BinaryCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    /** Checks that no count is negative. */
    public BinaryCounts {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("binary counts must be non-negative, were tp = " + truePositives
                    + ", fp = " + falsePositives + ", tn = " + trueNegatives + ", fn = " + falseNegatives);
        }
    }

    /** The one-vs-rest counts of class {@code positive} in a confusion matrix. */
    public static BinaryCounts of(ConfusionMatrix matrix, int positive) {
        if (positive < 0 || positive >= matrix.classes()) {
            throw new IllegalArgumentException("positive class " + positive + " is outside [0, " + matrix.classes()
                    + ") for a " + matrix.classes() + "-class confusion matrix");
        }
        return of(matrix.counts(), positive);
    }

    /** The one-vs-rest counts of class {@code c} in counts {@code [true][predicted]}. */
    static BinaryCounts of(long[][] m, int c) {
        long tp = m[c][c];
        long positives = 0;
        long selected = 0;
        long n = 0;
        for (int t = 0; t < m.length; t++) {
            positives += m[c][t];
            selected += m[t][c];
            for (long count : m[t]) {
                n += count;
            }
        }
        long fn = positives - tp;
        long fp = selected - tp;
        return new BinaryCounts(tp, fp, n - tp - fn - fp, fn);
    }

    /** The number of samples. */
    public long n() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** Samples of the positive class, {@code tp + fn}. */
    public long positives() {
        return truePositives + falseNegatives;
    }

    /** Samples of another class, {@code fp + tn}. */
    public long negatives() {
        return falsePositives + trueNegatives;
    }

    /** {@code (tp + fp) / n}: the share predicted positive, P(ŷ = pos); NaN for no samples. */
    public double selectionRate() {
        return ratio(truePositives + falsePositives, n());
    }

    /** {@code tp / (tp + fn)}: of the positive samples, the share predicted positive; NaN without positives. */
    public double truePositiveRate() {
        return ratio(truePositives, positives());
    }

    /** {@code fp / (fp + tn)}: of the negative samples, the share predicted positive; NaN without negatives. */
    public double falsePositiveRate() {
        return ratio(falsePositives, negatives());
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
