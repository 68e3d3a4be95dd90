package org.deepjunit.robustness;

import java.util.SplittableRandom;

/** Uniform random points of ε-balls, the starts of PGD. */
final class RandomStarts {

    private RandomStarts() {}

    /**
     * Adds to each sample of {@code x} a point drawn uniformly from its ball: per element uniform in {@code [−ε,
     * ε]} (L∞); a Gaussian direction scaled to radius {@code ε·u^(1/d)} (L2), uniform in volume.
     */
    static void add(Norm norm, double[] x, int n, int d, double[] eps, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            int from = i * d;
            if (norm == Norm.LINF) {
                for (int j = from; j < from + d; j++) {
                    x[j] += (2 * random.nextDouble() - 1) * eps[i];
                }
                continue;
            }
            double[] direction = new double[d];
            double squares = 0;
            for (int j = 0; j < d; j++) {
                direction[j] = random.nextGaussian();
                squares += direction[j] * direction[j];
            }
            double radius = eps[i] * Math.pow(random.nextDouble(), 1.0 / d) / Math.sqrt(squares);
            for (int j = 0; j < d; j++) {
                x[from + j] += direction[j] * radius;
            }
        }
    }
}
