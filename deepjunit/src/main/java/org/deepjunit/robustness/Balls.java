package org.deepjunit.robustness;

/**
 * Projections onto the set an attack may reach: per sample, the ε-ball around its clean input intersected with the
 * valid range. Clipping to the range after the L2 projection keeps the sample inside the ball, since the clean input
 * is inside the range and clipping only shortens each coordinate's step.
 */
final class Balls {

    private Balls() {}

    /** Projects {@code adv} in place onto the sets of {@code batch}'s samples, radius {@code eps[i]}. */
    static void project(Norm norm, Batch batch, double[] adv, double[] eps) {
        double[] x = batch.x();
        int d = batch.d();
        for (int i = 0; i < batch.n(); i++) {
            int from = i * d;
            if (norm == Norm.LINF) {
                for (int j = from; j < from + d; j++) {
                    adv[j] = Math.min(x[j] + eps[i], Math.max(x[j] - eps[i], adv[j]));
                }
            } else {
                double squares = 0;
                for (int j = from; j < from + d; j++) {
                    squares += (adv[j] - x[j]) * (adv[j] - x[j]);
                }
                double norm2 = Math.sqrt(squares);
                if (norm2 > eps[i]) {
                    double scale = eps[i] / norm2;
                    for (int j = from; j < from + d; j++) {
                        adv[j] = x[j] + (adv[j] - x[j]) * scale;
                    }
                }
            }
            for (int j = from; j < from + d; j++) {
                adv[j] = Math.min(batch.max(), Math.max(batch.min(), adv[j]));
            }
        }
    }

    /** The L2 norm of sample {@code i}'s values in {@code v}. */
    static double l2(double[] v, int i, int d) {
        double squares = 0;
        for (int j = i * d; j < (i + 1) * d; j++) {
            squares += v[j] * v[j];
        }
        return Math.sqrt(squares);
    }
}
