package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every bad input is an IllegalArgumentException that names the metric, the sample and the fix. */
class MetricInputErrorsTest {

    private static final double[][] TWO_ROWS = {{0.5, 0.25, 0.25}, {0.2, 0.3, 0.5}};

    @Test
    void labelsOutOfRange() {
        assertThatThrownBy(() -> ClassificationMetrics.logLoss(new int[] {0, 3}, TWO_ROWS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log loss: sample 1 has label 3, outside [0, 3) for 3 classes; labels are class indices"
                        + " 0 to 2");
        assertThatThrownBy(() -> new Predictions(new int[] {-1, 0}, TWO_ROWS))
                .hasMessage("predictions: sample 0 has label -1, outside [0, 3) for 3 classes; labels are class"
                        + " indices 0 to 2");
    }

    @Test
    void wrongLengthsAndShapes() {
        assertThatThrownBy(() -> ClassificationMetrics.rocAucOneVsRest(new int[] {0, 1, 2}, TWO_ROWS))
                .hasMessage("ROC-AUC: labels has 3 samples, but scores has 2 rows; give one score row per sample");
        assertThatThrownBy(() -> ClassificationMetrics.topKAccuracy(new int[] {0, 1}, new double[][] {{1, 0}, {1}}, 1))
                .hasMessage("top-1 accuracy: sample 1 has 1 scores, but sample 0 has 2; give every sample one score"
                        + " per class");
        assertThatThrownBy(() -> ClassificationMetrics.logLoss(new int[0], new double[0][]))
                .hasMessage("log loss: no samples; give at least one");
    }

    @Test
    void nonFiniteScores() {
        assertThatThrownBy(() -> ClassificationMetrics.rocAucOneVsRest(new int[] {0, 1}, new double[][] {
                    {0.5, 0.5}, {0.1, Double.NaN}
                }))
                .hasMessage("ROC-AUC: sample 1, class 1 has score NaN; scores must be finite (look for an overflow in"
                        + " the model's output)");
        assertThatThrownBy(() -> new Predictions(new int[] {0}, new double[][] {{Double.POSITIVE_INFINITY, 0}}))
                .hasMessage("predictions: sample 0, class 0 has score Infinity; scores must be finite (look for an"
                        + " overflow in the model's output)");
    }

    @Test
    void logLossAndEceNeedProbabilities() {
        Predictions logits = new Predictions(new int[] {0, 1}, new double[][] {{0.2, 0.8}, {2.5, -1.0}});
        assertThatThrownBy(() -> Metrics.LOG_LOSS.compute(logits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log loss needs probabilities, but sample 1, class 1 has score -1.0; each row must be"
                        + " non-negative and sum to 1 (within 1e-3): add Outputs.softmax() to the pipeline");
        Predictions unnormalised = new Predictions(new int[] {0, 1}, new double[][] {{0.2, 0.8}, {0.5, 1.0}});
        assertThatThrownBy(() -> Metrics.ECE.compute(unnormalised))
                .hasMessage("ECE needs probabilities, but the scores of sample 1 sum to 1.5; each row must be"
                        + " non-negative and sum to 1 (within 1e-3): add Outputs.softmax() to the pipeline");
        // within the tolerance is accepted
        Metrics.ECE.compute(new Predictions(new int[] {0}, new double[][] {{0.6, 0.4009}}));
    }

    @Test
    void aucOfAClassWithoutPositivesOrNegativesIsUndefined() {
        assertThatThrownBy(() -> ClassificationMetrics.rocAucOneVsRest(new int[] {0, 2}, TWO_ROWS))
                .hasMessage("ROC-AUC: class 1 never occurs in the labels, so its one-vs-rest AUC is undefined;"
                        + " evaluate on samples that include every class");
        assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[] {2, 2}, TWO_ROWS, 2))
                .hasMessage("ROC-AUC: every sample has class 2, so its one-vs-rest AUC is undefined (no negatives);"
                        + " evaluate on samples of more than one class");
        assertThatThrownBy(() -> ClassificationMetrics.expectedCalibrationError(new int[] {0, 2}, TWO_ROWS, 0))
                .hasMessage("ECE: needs at least 1 bin, was 0");
    }
}
