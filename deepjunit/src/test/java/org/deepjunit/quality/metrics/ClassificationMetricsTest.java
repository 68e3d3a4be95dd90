package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.Prediction;
import org.junit.jupiter.api.Test;

/** Top-k accuracy, log loss, ROC-AUC and ECE on small tables worked by hand. */
class ClassificationMetricsTest {

    /** Labels 2, 0, 3, 1 with ties: sample 0 ties classes 1 and 2, sample 2 ties all four. */
    private static final int[] TOP_K_LABELS = {2, 0, 3, 1};

    private static final double[][] TOP_K_SCORES = {
        {0.1, 0.4, 0.4, 0.1}, // label 2 ties class 1, which ranks first (lower index): rank 2
        {0.7, 0.1, 0.1, 0.1}, // label 0: rank 1
        {0.25, 0.25, 0.25, 0.25}, // label 3 ties everything and has the highest index: rank 4
        {0.2, 0.3, 0.5, 0.0} // label 1 behind class 2: rank 2
    };

    @Test
    void topKAccuracyRanksTiesTowardTheLowerClassIndex() {
        // ranks of the labels: 2, 1, 4, 2
        assertThat(ClassificationMetrics.topKCorrect(TOP_K_LABELS, TOP_K_SCORES, 1))
                .containsExactly(false, true, false, false);
        assertThat(ClassificationMetrics.topKAccuracy(TOP_K_LABELS, TOP_K_SCORES, 1))
                .isEqualTo(1 / 4.0);
        assertThat(ClassificationMetrics.topKAccuracy(TOP_K_LABELS, TOP_K_SCORES, 2))
                .isEqualTo(3 / 4.0);
        assertThat(ClassificationMetrics.topKAccuracy(TOP_K_LABELS, TOP_K_SCORES, 3))
                .isEqualTo(3 / 4.0);
        assertThat(ClassificationMetrics.topKAccuracy(TOP_K_LABELS, TOP_K_SCORES, 4))
                .isEqualTo(1.0);
    }

    @Test
    void topKAgreesWithTheTopKStageOfThePipeline() {
        double[] flat = new double[16];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(TOP_K_SCORES[i], 0, flat, 4 * i, 4);
        }
        for (int k = 1; k <= 4; k++) {
            List<List<Prediction>> top = Outputs.topK(k).apply(Tensor.of(flat, 4, 4));
            boolean[] correct = ClassificationMetrics.topKCorrect(TOP_K_LABELS, TOP_K_SCORES, k);
            for (int i = 0; i < 4; i++) {
                int label = TOP_K_LABELS[i];
                assertThat(correct[i])
                        .as("sample %d, k = %d", i, k)
                        .isEqualTo(top.get(i).stream().anyMatch(p -> p.index() == label));
            }
        }
    }

    @Test
    void logLossIsTheMeanNegativeLogOfTheTrueClassClippedLikeScikitLearn() {
        // −(ln 0.8 + ln 0.6) / 2 = (0.22314 + 0.51083) / 2 = 0.36698
        double[][] p = {{0.8, 0.2}, {0.4, 0.6}};
        assertThat(ClassificationMetrics.logLoss(new int[] {0, 1}, p)).isCloseTo(0.3669845875401002, within(1e-15));
        // a certain miss: p = 0 clipped to 1e-15, −ln 1e-15 = 15 ln 10 = 34.5388
        assertThat(ClassificationMetrics.logLoss(new int[] {1}, new double[][] {{1, 0}}))
                .isEqualTo(-Math.log(1e-15))
                .isCloseTo(34.538776394910684, within(1e-12));
        // a certain hit: p = 1 clipped to 1 − 1e-15, −ln(1 − 1e-15) ≈ 1e-15, not 0
        assertThat(ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{1, 0}}))
                .isEqualTo(-Math.log(1 - 1e-15))
                .isGreaterThan(0);
    }

    @Test
    void rocAucCountsPositiveOverNegativePairsWithTiesAsHalf() {
        // column 1 for class 1: positives 0.9, 0.4, 0.3; negatives 0.4, 0.2, 0.1
        // pairs won: 0.9 → 3; 0.4 → 2 + ½ (tie with 0.4); 0.3 → 2; 7.5 of 9. Column 0 = 1 − column 1, same AUC.
        int[] labels = {1, 1, 0, 0, 1, 0};
        double[] s = {0.9, 0.4, 0.4, 0.2, 0.3, 0.1};
        double[][] scores = new double[6][];
        for (int i = 0; i < 6; i++) {
            scores[i] = new double[] {1 - s[i], s[i]};
        }
        assertThat(ClassificationMetrics.rocAuc(labels, scores, 1)).isEqualTo(7.5 / 9);
        assertThat(ClassificationMetrics.rocAucOneVsRest(labels, scores)).isCloseTo(7.5 / 9, within(1e-15));
    }

    @Test
    void rocAucOneVsRestIsTheMacroAverageOfTheClassesAucs() {
        int[] labels = {0, 1, 2, 2};
        double[][] scores = { // scores, not probabilities: AUC only ranks each column
            {0.5, 0.3, 0.2}, {0.2, 0.6, 0.2}, {0.3, 0.3, 0.4}, {0.6, 0.1, 0.2}
        };
        // class 0: 0.5 against 0.2, 0.3, 0.6 → 2 of 3
        assertThat(ClassificationMetrics.rocAuc(labels, scores, 0)).isEqualTo(2 / 3.0);
        // class 1: 0.6 against 0.3, 0.3, 0.1 → 3 of 3
        assertThat(ClassificationMetrics.rocAuc(labels, scores, 1)).isEqualTo(1.0);
        // class 2: 0.4 and 0.2 against 0.2, 0.2 → 0.4 wins 2, 0.2 ties 2 (½ each) → 3 of 4
        assertThat(ClassificationMetrics.rocAuc(labels, scores, 2)).isEqualTo(3 / 4.0);
        // (2/3 + 1 + 3/4) / 3 = 29/36
        assertThat(ClassificationMetrics.rocAucOneVsRest(labels, scores)).isCloseTo(29 / 36.0, within(1e-15));
    }

    @Test
    void eceBinsConfidenceIntoHalfOpenBinsClosedAtTheTop() {
        // 5 bins (0, .2], (.2, .4], (.4, .6], (.6, .8], (.8, 1]; confidence = max probability, tie → class 0
        int[] labels = {0, 0, 0, 1, 1};
        double[][] p = {
            {0.9, 0.1}, // 0.9 → bin 4, right
            {0.3, 0.7}, // 0.7 → bin 3, wrong
            {0.6, 0.4}, // 0.6 → bin 2 (top edge), right
            {0.5, 0.5}, // 0.5, predicts 0 → bin 2, wrong
            {0.2, 0.8} // 0.8 → bin 3 (top edge), right
        };
        // bin 2: 1 right, confidences 0.6 + 0.5 = 1.1 → |1 − 1.1| = 0.1
        // bin 3: 1 right, 0.7 + 0.8 = 1.5 → 0.5; bin 4: 1 right, 0.9 → 0.1; ECE = (0.1 + 0.5 + 0.1) / 5 = 0.14
        // (bins closed at the bottom would put 0.6 and 0.8 one bin up and give 0.22)
        assertThat(ClassificationMetrics.expectedCalibrationError(labels, p, 5)).isCloseTo(0.14, within(1e-15));
        // one bin: |3 right − (0.9 + 0.7 + 0.6 + 0.5 + 0.8 = 3.5) summed confidence| / 5 = 0.1
        assertThat(ClassificationMetrics.expectedCalibrationError(labels, p, 1)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void theBinOfAnEdgeIsTheBinBelowItAndZeroGoesToBinZero() {
        int bins = ClassificationMetrics.DEFAULT_CALIBRATION_BINS;
        assertThat(ClassificationMetrics.bin(0.0, bins)).isZero();
        assertThat(ClassificationMetrics.bin(1.0, bins)).isEqualTo(bins - 1);
        for (int i = 1; i <= bins; i++) {
            double edge = (double) i / bins;
            assertThat(ClassificationMetrics.bin(edge, bins))
                    .as("edge %d/%d", i, bins)
                    .isEqualTo(i - 1);
            if (i < bins) {
                assertThat(ClassificationMetrics.bin(Math.nextUp(edge), bins)).isEqualTo(i);
            }
        }
        // a row of probabilities may sum to 1 + 1e-3: a confidence above 1 stays in the last bin
        assertThat(ClassificationMetrics.bin(1.0005, bins)).isEqualTo(bins - 1);
    }
}
