package org.deepjunit.robustness;

import org.deepjunit.model.Tensor;

/**
 * A classifier's outputs read for attacks. A model may end in a softmax or give logits: a batch whose every row is
 * a distribution (non-negative, summing to 1 within 1e-3) is taken as probabilities, any other as logits.
 */
final class Scores {

    private static final double SUM_TOLERANCE = 1e-3;

    private final double[] values;
    private final int n;
    private final int k;
    private final boolean probabilities;

    private Scores(double[] values, int n, int k) {
        this.values = values;
        this.n = n;
        this.k = k;
        this.probabilities = isDistribution(values, n, k);
    }

    /** Reads {@code [n, k]} outputs and checks that every label is one of the {@code k} classes. */
    static Scores of(Tensor out, int[] labels) {
        if (out.shape().rank() != 2) {
            throw new IllegalArgumentException(
                    "An attack needs one score per class, [batch, classes]; the model gives " + out.shape());
        }
        int n = out.shape().dim(0);
        int k = out.shape().dim(1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= k) {
                throw new IllegalArgumentException(
                        "Label " + labels[i] + " of sample " + i + " is not one of the model's " + k + " classes");
            }
        }
        return new Scores(out.toDoubleArray(), n, k);
    }

    private static boolean isDistribution(double[] v, int n, int k) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double p = v[i * k + j];
                if (!(p >= 0)) {
                    return false;
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Sample {@code i}'s class probabilities: the output row, or the softmax of the logits. */
    double[] probabilities(int i) {
        double[] row = new double[k];
        System.arraycopy(values, i * k, row, 0, k);
        if (probabilities) {
            return row;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (double z : row) {
            top = Math.max(top, z);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            row[j] = Math.exp(row[j] - top);
            sum += row[j];
        }
        for (int j = 0; j < k; j++) {
            row[j] /= sum;
        }
        return row;
    }

    /**
     * Sample {@code i}'s margin {@code z_y − max_{j≠y} z_j} on the logits, or on the log-probabilities (the same
     * difference, as softmax shifts every logit by one constant): negative once the sample is misclassified.
     */
    double margin(int i, int label) {
        double own = logit(i, label);
        double other = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (j != label) {
                other = Math.max(other, logit(i, j));
            }
        }
        return own - other;
    }

    private double logit(int i, int j) {
        double v = values[i * k + j];
        // the smallest positive float keeps a zero probability's log finite, so margins stay comparable
        return probabilities ? Math.log(Math.max(v, Float.MIN_VALUE)) : v;
    }

    /** The predicted class of sample {@code i} (the first of tied maxima). */
    int predicted(int i) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (values[i * k + j] > values[i * k + best]) {
                best = j;
            }
        }
        return best;
    }

    int size() {
        return n;
    }
}
