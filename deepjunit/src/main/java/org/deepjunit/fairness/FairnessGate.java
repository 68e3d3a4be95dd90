package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The bounds on one {@link FairnessMetric}, judged on each of its figures (every group, pair or class):
 * {@link #atLeast} and {@link #atMost}, decided on the figure's interval, and against a baseline
 * ({@link FairnessGates#against}) {@link #maxWorsening}, decided on the paired interval of the change (see
 * {@link FairnessGates}).
 *
 * <pre>{@code
 * gates.gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8).atMost(1.25));
 * gates.against(v1Report).gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.05));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class FairnessGate {

    private final FairnessMetric metric;
    private double minimum = Double.NaN;
    private double maximum = Double.NaN;
    private double maxWorsening = Double.NaN;

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

    /**
     * Against the baseline of {@link FairnessGates#against}, the figure may get worse by at most {@code worsening}
     * (absolute, as {@code Gate.maxDrop} for quality metrics): larger for a difference or a false positive rate,
     * smaller for a ratio, disparate impact, accuracy or a true positive rate ({@link FairnessMetric#worseningSign}).
     * A selection rate has no worse side and is refused.
     */
    public FairnessGate maxWorsening(double worsening) {
        if (!(worsening >= 0) || Double.isInfinite(worsening)) {
            throw new IllegalArgumentException("maxWorsening must be a finite number, 0 or more, was " + worsening);
        }
        if (metric.worseningSign() == 0) {
            throw new IllegalArgumentException("The " + metric.label() + " has no worse side (neither a higher nor a"
                    + " lower one is less fair): bound it with atLeast or atMost, or gate a comparison of groups,"
                    + " e.g. DEMOGRAPHIC_PARITY_DIFFERENCE");
        }
        this.maxWorsening = worsening;
        return this;
    }

    FairnessMetric metric() {
        return metric;
    }

    double maxWorsening() {
        return maxWorsening;
    }

    boolean absolute() {
        return !Double.isNaN(minimum) || !Double.isNaN(maximum);
    }

    boolean change() {
        return !Double.isNaN(maxWorsening);
    }

    double minimum() {
        return minimum;
    }

    double maximum() {
        return maximum;
    }

    void validate() {
        if (!absolute() && !change()) {
            throw new IllegalArgumentException(
                    "The gate on " + metric.label() + " sets no limit: give atLeast, atMost or maxWorsening");
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
