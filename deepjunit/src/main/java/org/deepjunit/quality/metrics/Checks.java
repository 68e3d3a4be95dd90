package org.deepjunit.quality.metrics;

import java.util.Objects;

/** The input checks the metrics share: each message starts with the metric's name and ends with the fix. */
final class Checks {

    /** How far a row of probabilities may sum from 1. */
    static final double PROBABILITY_TOLERANCE = 1e-3;

    private Checks() {}

    /**
     * Checks that there is at least one sample, one score row per label, rows of one width, finite scores and
     * labels in range; returns the number of classes, the rows' width.
     */
    static int labelsAndScores(String metric, int[] labels, double[][] scores) {
        Objects.requireNonNull(labels, () -> metric + ": labels is null");
        Objects.requireNonNull(scores, () -> metric + ": scores is null");
        if (labels.length == 0) {
            throw new IllegalArgumentException(metric + ": no samples; give at least one");
        }
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(metric + ": labels has " + labels.length + " samples, but scores has "
                    + scores.length + " rows; give one score row per sample");
        }
        int classes = row(metric, scores, 0).length;
        if (classes == 0) {
            throw new IllegalArgumentException(metric + ": sample 0 has no scores; give one score per class");
        }
        for (int i = 0; i < scores.length; i++) {
            double[] row = row(metric, scores, i);
            if (row.length != classes) {
                throw new IllegalArgumentException(metric + ": sample " + i + " has " + row.length
                        + " scores, but sample 0 has " + classes + "; give every sample one score per class");
            }
            for (int j = 0; j < classes; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(metric + ": sample " + i + ", class " + j + " has score "
                            + row[j] + "; scores must be finite (look for an overflow in the model's output)");
                }
            }
        }
        classIndices(metric, "label", labels, classes);
        return classes;
    }

    private static double[] row(String metric, double[][] scores, int i) {
        return Objects.requireNonNull(scores[i], () -> metric + ": the scores of sample " + i + " are null");
    }

    /** Checks that every value is a class index in {@code [0, classes)}; {@code what} is "label" or "prediction". */
    static void classIndices(String metric, String what, int[] values, int classes) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException(metric + ": sample " + i + " has " + what + " " + values[i]
                        + ", outside [0, " + classes + ") for " + classes + " classes; " + what
                        + "s are class indices 0 to " + (classes - 1));
            }
        }
    }

    /** Checks that every row is non-negative and sums to 1 within {@link #PROBABILITY_TOLERANCE}. */
    static void probabilities(String metric, double[][] scores) {
        String fix = "; each row must be non-negative and sum to 1 (within 1e-3): add Outputs.softmax() to the"
                + " pipeline";
        for (int i = 0; i < scores.length; i++) {
            double sum = 0;
            for (int j = 0; j < scores[i].length; j++) {
                if (scores[i][j] < 0) {
                    throw new IllegalArgumentException(metric + " needs probabilities, but sample " + i + ", class " + j
                            + " has score " + scores[i][j] + fix);
                }
                sum += scores[i][j];
            }
            if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                throw new IllegalArgumentException(
                        metric + " needs probabilities, but the scores of sample " + i + " sum to " + sum + fix);
            }
        }
    }

    /** Checks that {@code c} is a class index in {@code [0, classes)}. */
    static void classIndex(String metric, int c, int classes) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(
                    metric + ": class " + c + " is outside [0, " + classes + ") for " + classes + " classes");
        }
    }
}
