package org.deepjunit.quality.stats;

/**
 * The standard normal distribution's upper tail and quantile, to double precision: the tail from the Taylor
 * series of {@code Φ(x) − 1/2} below 3 and from the Laplace continued fraction of Mills' ratio above; the quantile
 * by bisection on the tail.
 */
final class Normal {

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private Normal() {}

    /** The density {@code φ(x)}. */
    static double density(double x) {
        return Math.exp(-x * x / 2) / SQRT_2PI;
    }

    /** {@code Q(x) = P(Z > x)}. */
    static double upperTail(double x) {
        if (x < 0) {
            return 1 - upperTail(-x);
        }
        if (x < 3) {
            // Φ(x) − 1/2 = φ(x) · Σ x^(2j+1) / (1·3·5···(2j+1))
            double term = x;
            double sum = x;
            for (int j = 1; j < 500 && term > 1e-17 * sum; j++) {
                term *= x * x / (2 * j + 1);
                sum += term;
            }
            return 0.5 - density(x) * sum;
        }
        // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), evaluated from the tail up
        double fraction = x;
        for (int j = 300; j >= 1; j--) {
            fraction = x + j / fraction;
        }
        return density(x) / fraction;
    }

    /** The {@code z} with {@code P(Z ≤ z) = p}, for {@code 0 < p < 1}. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("the normal quantile needs 0 < p < 1, was " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p);
        }
        double tail = 1 - p;
        double low = 0;
        double high = 40;
        while (true) {
            double mid = (low + high) / 2;
            if (mid == low || mid == high) {
                return mid;
            }
            if (upperTail(mid) > tail) {
                low = mid;
            } else {
                high = mid;
            }
        }
    }
}
