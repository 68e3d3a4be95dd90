package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * A classifier's outputs on {@code n} samples with their true classes: what a {@link Metric} computes on. The
 * constructor checks the input (at least one sample, one finite score row of one width per label, labels in
 * {@code [0, k)}) and copies it; the accessors return copies, so a {@code Predictions} never changes.
 *
 * <pre>{@code
 * Predictions p = new Predictions(labels, softmaxOutputs);
 * double accuracy = Metrics.ACCURACY.compute(p);
 * double sliceAccuracy = Metrics.ACCURACY.compute(p.subset(nightTimeIndices));
 * }</pre>
 *
 * @param labels the true class of each sample, {@code 0 … k−1}
 * @param scores {@code n × k} class scores or probabilities, one row per sample
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record Predictions(int[] labels, double[][] scores) {

    /** Checks and copies the arrays. */
    public Predictions {
        if (labels != null && scores != null) {
            labels = labels.clone();
            scores = copy(scores);
        }
        Checks.labelsAndScores("predictions", labels, scores);
    }

    private static double[][] copy(double[][] scores) {
        double[][] copy = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            copy[i] = scores[i] == null ? null : scores[i].clone();
        }
        return copy;
    }

    /** A copy of the true classes. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of the scores. */
    @Override
    public double[][] scores() {
        return copy(scores);
    }

    /** The number of samples, {@code n ≥ 1}. */
    public int size() {
        return labels.length;
    }

    /** The number of classes {@code k}, the width of a score row. */
    public int classes() {
        return scores[0].length;
    }

    /** Each sample's class of largest score; ties go to the lower class index, as in {@code Outputs.topK}. */
    public int[] predicted() {
        int[] predicted = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] row = scores[i];
            int best = 0;
            for (int j = 1; j < row.length; j++) {
                if (Double.compare(row[j], row[best]) > 0) {
                    best = j;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /**
     * The samples at {@code indices}, in that order; an index may repeat (a bootstrap resample) and must be in
     * {@code [0, n)}.
     */
    public Predictions subset(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("predictions: the subset has no indices; give at least one");
        }
        int[] l = new int[indices.length];
        double[][] s = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index < 0 || index >= labels.length) {
                throw new IllegalArgumentException("predictions: subset index " + index + " at position " + i
                        + " is outside [0, " + labels.length + ")");
            }
            l[i] = labels[index];
            s[i] = scores[index];
        }
        return new Predictions(l, s);
    }

    /** Equal when the labels and every score are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && Arrays.equals(labels, p.labels) && Arrays.deepEquals(scores, p.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.deepHashCode(scores);
    }

    @Override
    public String toString() {
        return "Predictions[" + labels.length + " samples, " + classes() + " classes]";
    }
}
