package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The built-in {@link Metric}s. Accuracy and top-k accuracy are means of per-sample correctness ({@link
 * Metric#correct}), so McNemar's test can compare them; log loss and ECE need probabilities.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class Metrics {

    /** "accuracy": the share of samples whose argmax class (ties to the lower index) is the label. */
    public static final Metric ACCURACY =
            BuiltInMetric.meanOf("accuracy", p -> ClassificationMetrics.topKCorrect(p.labels(), p.scores(), 1));

    /** "top-5 accuracy": {@link #topK(int) topK(5)}. */
    public static final Metric TOP_5_ACCURACY = topK(5);

    /** "macro F1": {@link ConfusionMatrix#macroF1()} of the argmax predictions. */
    public static final Metric MACRO_F1 =
            BuiltInMetric.of("macro F1", true, false, p -> ConfusionMatrix.of(p).macroF1());

    /** "weighted F1": {@link ConfusionMatrix#weightedF1()} of the argmax predictions. */
    public static final Metric WEIGHTED_F1 = BuiltInMetric.of(
            "weighted F1", true, false, p -> ConfusionMatrix.of(p).weightedF1());

    /** "log loss": {@link ClassificationMetrics#logLoss}; lower is better; needs probabilities. */
    public static final Metric LOG_LOSS =
            BuiltInMetric.of("log loss", false, true, p -> ClassificationMetrics.logLoss(p.labels(), p.scores()));

    /** "ROC-AUC": {@link ClassificationMetrics#rocAucOneVsRest}, the macro average of one-vs-rest AUCs. */
    public static final Metric ROC_AUC = BuiltInMetric.of(
            "ROC-AUC", true, false, p -> ClassificationMetrics.rocAucOneVsRest(p.labels(), p.scores()));

    /** "ECE": {@link ClassificationMetrics#expectedCalibrationError} with 15 bins; lower is better. */
    public static final Metric ECE = ece(ClassificationMetrics.DEFAULT_CALIBRATION_BINS);

    private Metrics() {}

    /** The metrics above, in their order: accuracy, top-5 accuracy, macro and weighted F1, log loss, ROC-AUC, ECE. */
    public static java.util.List<Metric> builtIn() {
        return java.util.List.of(ACCURACY, TOP_5_ACCURACY, MACRO_F1, WEIGHTED_F1, LOG_LOSS, ROC_AUC, ECE);
    }

    /** "top-k accuracy", e.g. "top-3 accuracy": {@link ClassificationMetrics#topKAccuracy}. */
    public static Metric topK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy needs k >= 1, was " + k);
        }
        return BuiltInMetric.meanOf(
                "top-" + k + " accuracy", p -> ClassificationMetrics.topKCorrect(p.labels(), p.scores(), k));
    }

    /** "ECE" with {@code bins} bins: {@link ClassificationMetrics#expectedCalibrationError(int[], double[][], int)}. */
    public static Metric ece(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("ECE needs at least 1 bin, was " + bins);
        }
        String name = bins == ClassificationMetrics.DEFAULT_CALIBRATION_BINS ? "ECE" : "ECE (" + bins + " bins)";
        return BuiltInMetric.of(
                name, false, true, p -> ClassificationMetrics.expectedCalibrationError(p.labels(), p.scores(), bins));
    }

    /** "precision of class c": {@link ConfusionMatrix#precision}. */
    public static Metric precision(int c) {
        return BuiltInMetric.of(
                "precision of class " + c,
                true,
                false,
                p -> ConfusionMatrix.of(p).precision(c));
    }

    /** "recall of class c": {@link ConfusionMatrix#recall}. */
    public static Metric recall(int c) {
        return BuiltInMetric.of(
                "recall of class " + c, true, false, p -> ConfusionMatrix.of(p).recall(c));
    }

    /** "F1 of class c": {@link ConfusionMatrix#f1}. */
    public static Metric f1(int c) {
        return BuiltInMetric.of(
                "F1 of class " + c, true, false, p -> ConfusionMatrix.of(p).f1(c));
    }
}
