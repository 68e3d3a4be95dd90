package org.deepjunit.quality.history;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One quality figure of a test run: a metric, a coverage ratio, a count of disagreements or of generated inputs,
 * for the whole data set or one slice of it, with its confidence interval and the gate's verdict where there was
 * one.
 *
 * <pre>{@code
 * new FigureRecord("metric", "accuracy", "", 0.981, 10_000, 0.978, 0.984, "passed");
 * new FigureRecord("coverage", "NC(t=0.25)", "", 0.62, 52, Double.NaN, Double.NaN, null);
 * new FigureRecord("metric", "recall", "class=3", 0.95, 1_010, 0.936, 0.962, "inconclusive");
 * }</pre>
 *
 * @param kind what the figure is, e.g. {@code "metric"}, {@code "coverage"}, {@code "disagreements"},
 *     {@code "generated"}; not blank
 * @param name e.g. {@code "accuracy"}, {@code "NC(t=0.25)"}; not blank
 * @param slice {@code ""} for the whole set, otherwise the slice, e.g. {@code "class=3"}, {@code "city=paris"}
 * @param value the figure; finite
 * @param n how many inputs (or neurons, pairs…) it was computed over; not negative
 * @param lower the interval's lower bound, {@link Double#NaN} if none
 * @param upper the interval's upper bound, {@link Double#NaN} if none
 * @param verdict {@code "passed"}, {@code "failed"}, {@code "inconclusive"}, or {@code null} when no gate judged it
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record FigureRecord(
        String kind, String name, String slice, double value, long n, double lower, double upper, String verdict) {

    /** The verdicts a gate gives. */
    public static final Set<String> VERDICTS = Set.of("passed", "failed", "inconclusive");

    /** Checks every field; see the parameters. */
    public FigureRecord {
        RunRecord.requireText(kind, "figure kind");
        RunRecord.requireText(name, "figure name");
        Objects.requireNonNull(slice, () -> "figure slice of " + name + " is null; use \"\" for the whole set");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("figure " + name + " has value " + value + "; a figure must be finite");
        }
        if (n < 0) {
            throw new IllegalArgumentException("figure " + name + " has n = " + n + "; n counts inputs, ≥ 0");
        }
        requireBound(lower, "lower", name);
        requireBound(upper, "upper", name);
        if (lower > upper) {
            throw new IllegalArgumentException(
                    "figure " + name + " has lower bound " + lower + " above upper bound " + upper);
        }
        if (verdict != null && !VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException("figure " + name + " has verdict \"" + verdict
                    + "\"; expected one of passed, failed, inconclusive, or null");
        }
    }

    /** A figure without an interval or a verdict. */
    public static FigureRecord of(String kind, String name, String slice, double value, long n) {
        return new FigureRecord(kind, name, slice, value, n, Double.NaN, Double.NaN, null);
    }

    /** Whether both interval bounds are set. */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    private static void requireBound(double bound, String which, String name) {
        if (Double.isInfinite(bound)) {
            throw new IllegalArgumentException("figure " + name + " has " + which + " bound " + bound
                    + "; a bound is finite, or NaN when there is none");
        }
    }
}
