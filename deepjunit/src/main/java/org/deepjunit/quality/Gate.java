package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.Metric;

/**
 * The limits on one metric: absolute bounds ({@link #atLeast}, {@link #atMost}) and the change allowed against the
 * baseline ({@link #maxDrop}, {@link #maxRelativeDrop}; a drop is a change for the worse, whichever direction the
 * metric improves in). By default a gate judges every sample; {@link #perSlice()} judges each slice as well, and
 * {@link #onSlices} only the ones named.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class Gate {

    private final Metric metric;
    private double minimum = Double.NaN;
    private double maximum = Double.NaN;
    private double maxDrop = Double.NaN;
    private double maxRelativeDrop = Double.NaN;
    private boolean perSlice;
    private List<String> slices;

    Gate(Metric metric) {
        this.metric = metric;
    }

    /** The metric's value must be at least {@code minimum}. */
    public Gate atLeast(double minimum) {
        this.minimum = finite("atLeast", minimum);
        return this;
    }

    /** The metric's value must be at most {@code maximum}. */
    public Gate atMost(double maximum) {
        this.maximum = finite("atMost", maximum);
        return this;
    }

    /** The metric may get worse than the baseline's by at most {@code drop} (absolute, e.g. 0.005 of accuracy). */
    public Gate maxDrop(double drop) {
        this.maxDrop = nonNegative("maxDrop", drop);
        return this;
    }

    /** The metric may get worse by at most {@code fraction} of the baseline's value (e.g. 0.01 for 1%). */
    public Gate maxRelativeDrop(double fraction) {
        this.maxRelativeDrop = nonNegative("maxRelativeDrop", fraction);
        return this;
    }

    /** Judges every slice of the evaluation too, not only all samples. */
    public Gate perSlice() {
        this.perSlice = true;
        return this;
    }

    /** Judges only these slices (e.g. {@code "class=3"}, {@link Evaluation#ALL}). */
    public Gate onSlices(String... slices) {
        if (slices.length == 0) {
            throw new IllegalArgumentException("onSlices needs at least one slice name");
        }
        this.slices = List.of(slices);
        return this;
    }

    Metric metric() {
        return metric;
    }

    double minimum() {
        return minimum;
    }

    double maximum() {
        return maximum;
    }

    boolean hasChangeLimit() {
        return !Double.isNaN(maxDrop) || !Double.isNaN(maxRelativeDrop);
    }

    /** The drop allowed from {@code baseline}: the stricter of the limits given. */
    double allowedDrop(double baseline) {
        double allowed = Double.POSITIVE_INFINITY;
        if (!Double.isNaN(maxDrop)) {
            allowed = maxDrop;
        }
        if (!Double.isNaN(maxRelativeDrop)) {
            allowed = Math.min(allowed, maxRelativeDrop * Math.abs(baseline));
        }
        return allowed;
    }

    List<String> slicesOf(Evaluation evaluation) {
        if (slices != null) {
            for (String s : slices) {
                evaluation.indices(s); // an unknown slice is an error now, not a gate that never runs
            }
            return slices;
        }
        return perSlice ? List.copyOf(evaluation.slices()) : List.of(Evaluation.ALL);
    }

    void validate() {
        if (Double.isNaN(minimum) && Double.isNaN(maximum) && !hasChangeLimit()) {
            throw new IllegalArgumentException("The gate on " + metric.name() + " sets no limit: give atLeast,"
                    + " atMost, maxDrop or maxRelativeDrop");
        }
        if (!Double.isNaN(minimum) && !Double.isNaN(maximum) && minimum > maximum) {
            throw new IllegalArgumentException("The gate on " + metric.name() + " asks for at least " + minimum
                    + " and at most " + maximum + ": no value passes");
        }
    }

    private static double finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + value);
        }
        return value;
    }

    private static double nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, was " + value);
        }
        return value;
    }
}
