package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Classification metrics on scores: top-k accuracy, log loss, one-vs-rest ROC-AUC and expected calibration error.
 * Labels are class indices; {@code scores} has one row of {@code k} scores per sample. Log loss and ECE need
 * probabilities: every row non-negative and summing to 1 within 1e-3 (a model that outputs logits needs {@code
 * Outputs.softmax()} in its pipeline). Every input is checked, and a bad one is named in an {@link
 * IllegalArgumentException}.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class ClassificationMetrics {

    /** The number of confidence bins of {@link #expectedCalibrationError(int[], double[][])}: 15, as Guo et al. */
    public static final int DEFAULT_CALIBRATION_BINS = 15;

    /** Log loss clips probabilities to {@code [EPSILON, 1 − EPSILON]}, as scikit-learn's {@code eps=1e-15}. */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    private ClassificationMetrics() {}

    /**
     * Whether each sample's label is among its {@code k} classes of largest score. Ties rank the lower class index
     * first, as {@code Outputs.topK} does, so a label tied with the k-th score counts only if its index is lower.
     * {@code k} must be in {@code [1, classes]}.
     */
    public static boolean[] topKCorrect(int[] labels, double[][] scores, int k) {
        String metric = "top-" + k + " accuracy";
        int classes = Checks.labelsAndScores(metric, labels, scores);
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException(
                    metric + ": k must be in [1, " + classes + "] for " + classes + " classes, was " + k);
        }
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] row = scores[i];
            int label = labels[i];
            int ahead = 0; // classes ranked before the label
            for (int j = 0; j < classes; j++) {
                int order = Double.compare(row[j], row[label]);
                if (order > 0 || (order == 0 && j < label)) {
                    ahead++;
                }
            }
            correct[i] = ahead < k;
        }
        return correct;
    }

    /** The share of samples whose label is among their {@code k} top-scored classes (see {@link #topKCorrect}). */
    public static double topKAccuracy(int[] labels, double[][] scores, int k) {
        boolean[] correct = topKCorrect(labels, scores, k);
        int hits = 0;
        for (boolean c : correct) {
            if (c) {
                hits++;
            }
        }
        return (double) hits / correct.length;
    }

    /**
     * The mean negative natural log of each sample's probability of its true class, {@code −(1/n) Σ ln p[i][y_i]},
     * with the probability clipped to {@code [1e-15, 1 − 1e-15]} as scikit-learn does, so a confident miss costs
     * about 34.5 rather than infinity. Rows are not renormalised. Lower is better.
     */
    public static double logLoss(int[] labels, double[][] probabilities) {
        Checks.labelsAndScores("log loss", labels, probabilities);
        Checks.probabilities("log loss", probabilities);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i][labels[i]], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    /**
     * The macro average over all classes of each class's one-vs-rest ROC-AUC, computed exactly from the
     * Mann–Whitney rank statistic with average ranks for ties (a tied positive–negative pair counts one half). Only
     * the order of each column matters, so scores need not be probabilities. A class that never occurs in the
     * labels, or that every sample has, has no defined AUC: an {@link IllegalArgumentException} names it.
     */
    public static double rocAucOneVsRest(int[] labels, double[][] scores) {
        int classes = Checks.labelsAndScores("ROC-AUC", labels, scores);
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += RankAuc.auc("ROC-AUC", labels, scores, c);
        }
        return sum / classes;
    }

    /** The ROC-AUC of {@code positiveClass} against the rest, ranked by column {@code positiveClass}. */
    public static double rocAuc(int[] labels, double[][] scores, int positiveClass) {
        int classes = Checks.labelsAndScores("ROC-AUC", labels, scores);
        Checks.classIndex("ROC-AUC", positiveClass, classes);
        return RankAuc.auc("ROC-AUC", labels, scores, positiveClass);
    }

    /** {@link #expectedCalibrationError(int[], double[][], int)} with 15 bins. */
    public static double expectedCalibrationError(int[] labels, double[][] probabilities) {
        return expectedCalibrationError(labels, probabilities, DEFAULT_CALIBRATION_BINS);
    }

    /**
     * The expected calibration error over {@code bins} equal-width confidence bins: each sample's confidence is its
     * largest probability and its prediction that class (ties to the lower index); bin {@code i} holds the
     * confidences in {@code (i/B, (i+1)/B]} (a confidence of 0 goes to bin 0), and {@code ECE = Σ |bin|/n ·
     * |accuracy(bin) − mean confidence(bin)|}. 0 is perfectly calibrated; lower is better.
     */
    public static double expectedCalibrationError(int[] labels, double[][] probabilities, int bins) {
        String metric = "ECE";
        Checks.labelsAndScores(metric, labels, probabilities);
        Checks.probabilities(metric, probabilities);
        if (bins < 1) {
            throw new IllegalArgumentException(metric + ": needs at least 1 bin, was " + bins);
        }
        long[] correct = new long[bins];
        double[] confidence = new double[bins];
        for (int i = 0; i < labels.length; i++) {
            double[] row = probabilities[i];
            int predicted = 0;
            for (int j = 1; j < row.length; j++) {
                if (Double.compare(row[j], row[predicted]) > 0) {
                    predicted = j;
                }
            }
            int bin = bin(row[predicted], bins);
            confidence[bin] += row[predicted];
            if (predicted == labels[i]) {
                correct[bin]++;
            }
        }
        // Σ |bin|/n · |correct/|bin| − confidence/|bin|| = (1/n) Σ |correct − Σ confidence|
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            sum += Math.abs(correct[b] - confidence[b]);
        }
        return sum / labels.length;
    }

    /** The bin {@code i} with {@code i/B < confidence ≤ (i+1)/B}, edges computed as {@code (double) i / B}. */
    static int bin(double confidence, int bins) {
        int i = (int) Math.ceil(confidence * bins) - 1;
        i = Math.max(0, Math.min(bins - 1, i));
        while (i > 0 && confidence <= (double) i / bins) {
            i--;
        }
        while (i < bins - 1 && confidence > (double) (i + 1) / bins) {
            i++;
        }
        return i;
    }
}
