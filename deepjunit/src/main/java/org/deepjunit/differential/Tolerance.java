package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How far two outputs may differ, element by element: {@code a} and {@code b} agree when
 * {@code |a - b| <= absolute + relative * max(|a|, |b|)}. The default is 1% relative plus
 * {@value #DEFAULT_ABSOLUTE} absolute, so that values near zero (tiny probabilities, one framework
 * flushing to zero where the other keeps a denormal) do not count as 100% apart.
 *
 * @param absolute the absolute allowance, {@code >= 0}
 * @param relative the allowance relative to the larger magnitude, {@code >= 0}
 */
@API(status = STABLE, since = "0.1")
public record Tolerance(double absolute, double relative) {

    /** Default relative tolerance: 1%. */
    public static final double DEFAULT_RELATIVE = 0.01;

    /** Default absolute tolerance. */
    public static final double DEFAULT_ABSOLUTE = 1e-6;

    /** 1% relative, {@value #DEFAULT_ABSOLUTE} absolute. */
    public static final Tolerance DEFAULT = new Tolerance(DEFAULT_ABSOLUTE, DEFAULT_RELATIVE);

    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException(
                    "Tolerances must be finite and >= 0, got absolute " + absolute + " and relative " + relative);
        }
    }

    /** Whether {@code a} and {@code b} are within this tolerance; NaN never is. */
    public boolean allows(double a, double b) {
        double diff = Math.abs(a - b);
        return diff <= absolute + relative * Math.max(Math.abs(a), Math.abs(b));
    }

    /** The largest difference this tolerance allows between {@code a} and {@code b}. */
    public double allowance(double a, double b) {
        return absolute + relative * Math.max(Math.abs(a), Math.abs(b));
    }

    @Override
    public String toString() {
        return "absolute " + absolute + " + relative " + relative;
    }
}
