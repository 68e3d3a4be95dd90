package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A figure of a classifier's quality on {@link Predictions}: the built-ins are in {@link Metrics}; a user's own is a
 * class that implements {@link #name}, {@link #greaterIsBetter} and {@link #compute}. Implementations must be
 * stateless (a bootstrap calls {@code compute} thousands of times, and tests run in parallel).
 *
 * <pre>{@code
 * Metric recallOfPedestrians = new Metric() {
 *     public String name() { return "recall of pedestrians"; }
 *     public boolean greaterIsBetter() { return true; }
 *     public double compute(Predictions p) { return ConfusionMatrix.of(p).recall(PEDESTRIAN); }
 * };
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
public interface Metric {

    /** The name shown in reports and error messages, e.g. "macro F1". */
    String name();

    /** Whether a larger value is a better model (true for accuracy, false for log loss). */
    boolean greaterIsBetter();

    /** The metric's value on {@code predictions}. */
    double compute(Predictions predictions);

    /** Whether the scores must be probabilities (rows non-negative, summing to 1); false unless overridden. */
    default boolean needsProbabilities() {
        return false;
    }

    /**
     * Whether the metric is the mean of a per-sample 0/1 correctness given by {@link #correct} (accuracy, top-k
     * accuracy): then two models can be compared with McNemar's test. False unless overridden.
     */
    default boolean perSampleCorrectness() {
        return false;
    }

    /**
     * Whether each sample counts as correct, for metrics with {@link #perSampleCorrectness()}; the metric is the
     * share of {@code true}. Others throw {@link UnsupportedOperationException}.
     */
    default boolean[] correct(Predictions predictions) {
        throw new UnsupportedOperationException(name() + " is not a mean of per-sample correctness, so McNemar's"
                + " test cannot compare it; use PairedBootstrap, or a metric such as Metrics.ACCURACY");
    }
}
