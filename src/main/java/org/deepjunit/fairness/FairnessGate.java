package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The bounds on one {@link FairnessMetric}, judged on each of its figures (every group, pair or class):
 * {@link #atLeast} and {@link #atMost}, decided on the figure's interval (see {@link FairnessGates}).
 *
 * <pre>{@code
 * gates.gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8).atMost(1.25));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class FairnessGate {

    private final FairnessMetric metric;
    private double minimum = Double.NaN;
    private double maximum = Double.NaN;

    FairnessGate(FairnessMetric metric) {
        this.metric = metric;
    }

    /** The figure must be at least {@code minimum}, e.g. 0.8 for disparate impact (the four-fifths rule). */
    public FairnessGate atLeast(double minimum) {
        this.minimum = finite("atLeast", minimum);
        return this;
    }

    /** The figure must be at most {@code maximum}, e.g. 0.1 for a demographic parity difference. */
    public FairnessGate atMost(double maximum) {
        this.maximum = finite("atMost", maximum);
        return this;
    }

    FairnessMetric metric() {
        return metric;
    }

    double minimum() {
        return minimum;
    }

    double maximum() {
        return maximum;
    }

    void validate() {
        if (Double.isNaN(minimum) && Double.isNaN(maximum)) {
            throw new IllegalArgumentException(
                    "The gate on " + metric.label() + " sets no limit: give atLeast or atMost");
        }
        if (minimum > maximum) {
            throw new IllegalArgumentException("The gate on " + metric.label() + " asks for at least " + minimum
                    + " and at most " + maximum + ": no value passes");
        }
    }

    private static double finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + value);
        }
        return value;
    }
}
