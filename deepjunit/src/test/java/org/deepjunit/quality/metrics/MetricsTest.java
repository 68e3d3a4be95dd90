package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The built-in metrics, the Predictions they compute on, and a user's own metric. */
class MetricsTest {

    /** 6 samples, 3 classes; argmax 0, 1, 0 (tie), 2, 2, 1. */
    private static final int[] LABELS = {0, 1, 1, 2, 0, 1};

    private static final double[][] PROBABILITIES = {
        {0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.4, 0.4, 0.2}, {0.2, 0.2, 0.6}, {0.3, 0.3, 0.4}, {0.2, 0.5, 0.3}
    };

    private static final Predictions P = new Predictions(LABELS, PROBABILITIES);

    @Test
    void builtInsAreTheFunctionsWithTheirNamesAndDirections() {
        assertThat(P.predicted()).containsExactly(0, 1, 0, 2, 2, 1);
        // right: samples 0, 1, 3, 5 → 4/6
        assertThat(Metrics.ACCURACY.compute(P)).isEqualTo(4 / 6.0);
        assertThat(Metrics.ACCURACY.correct(P)).containsExactly(true, true, false, true, false, true);
        assertThat(Metrics.topK(1).compute(P)).isEqualTo(Metrics.ACCURACY.compute(P));
        assertThat(Metrics.ACCURACY.compute(P)).isEqualTo(ConfusionMatrix.of(P).accuracy());
        // top-2: sample 2's label 1 ties class 0 and comes second; sample 4's label 0 is second → all but none
        assertThat(Metrics.topK(2).compute(P)).isEqualTo(1.0);
        assertThat(Metrics.MACRO_F1.compute(P)).isEqualTo(ConfusionMatrix.of(P).macroF1());
        assertThat(Metrics.WEIGHTED_F1.compute(P))
                .isEqualTo(ConfusionMatrix.of(P).weightedF1());
        assertThat(Metrics.LOG_LOSS.compute(P)).isEqualTo(ClassificationMetrics.logLoss(LABELS, PROBABILITIES));
        assertThat(Metrics.ROC_AUC.compute(P)).isEqualTo(ClassificationMetrics.rocAucOneVsRest(LABELS, PROBABILITIES));
        assertThat(Metrics.ECE.compute(P))
                .isEqualTo(ClassificationMetrics.expectedCalibrationError(LABELS, PROBABILITIES, 15));
        // class 1: predicted at samples 1, 5 (both right); true at 1, 2, 5 → precision 1, recall 2/3, F1 4/5
        assertThat(Metrics.precision(1).compute(P)).isEqualTo(1.0);
        assertThat(Metrics.recall(1).compute(P)).isEqualTo(2 / 3.0);
        assertThat(Metrics.f1(1).compute(P)).isCloseTo(0.8, within(1e-15));

        assertThat(Metrics.ACCURACY.name()).isEqualTo("accuracy");
        assertThat(Metrics.TOP_5_ACCURACY.name()).isEqualTo("top-5 accuracy");
        assertThat(Metrics.ECE.name()).isEqualTo("ECE");
        assertThat(Metrics.ece(10).name()).isEqualTo("ECE (10 bins)");
        assertThat(Metrics.f1(2)).hasToString("F1 of class 2");
        assertThat(Metrics.LOG_LOSS.greaterIsBetter()).isFalse();
        assertThat(Metrics.ECE.greaterIsBetter()).isFalse();
        assertThat(Metrics.ROC_AUC.greaterIsBetter()).isTrue();
        assertThat(Metrics.LOG_LOSS.needsProbabilities()).isTrue();
        assertThat(Metrics.ECE.needsProbabilities()).isTrue();
        assertThat(Metrics.ROC_AUC.needsProbabilities()).isFalse();
        assertThat(Metrics.ACCURACY.perSampleCorrectness()).isTrue();
        assertThat(Metrics.TOP_5_ACCURACY.perSampleCorrectness()).isTrue();
        assertThat(Metrics.MACRO_F1.perSampleCorrectness()).isFalse();
        assertThatThrownBy(() -> Metrics.MACRO_F1.correct(P))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("macro F1 is not a mean of per-sample correctness, so McNemar's test cannot compare it;"
                        + " use PairedBootstrap, or a metric such as Metrics.ACCURACY");
        assertThatThrownBy(() -> Metrics.TOP_5_ACCURACY.compute(P))
                .hasMessage("top-5 accuracy: k must be in [1, 3] for 3 classes, was 5");
    }

    @Test
    void aUsersMetricPlugsIn() {
        Metric meanTrueClassProbability = new Metric() {
            @Override
            public String name() {
                return "mean probability of the true class";
            }

            @Override
            public boolean greaterIsBetter() {
                return true;
            }

            @Override
            public double compute(Predictions p) {
                double sum = 0;
                int[] labels = p.labels();
                double[][] scores = p.scores();
                for (int i = 0; i < p.size(); i++) {
                    sum += scores[i][labels[i]];
                }
                return sum / p.size();
            }
        };
        // (0.7 + 0.8 + 0.4 + 0.6 + 0.3 + 0.5) / 6 = 3.3 / 6
        assertThat(meanTrueClassProbability.compute(P)).isCloseTo(0.55, within(1e-15));
        assertThat(meanTrueClassProbability.needsProbabilities()).isFalse();
        assertThat(meanTrueClassProbability.perSampleCorrectness()).isFalse();
    }

    @Test
    void predictionsAreCopiedAndSubsetsMayRepeat() {
        int[] labels = {0, 1};
        double[][] scores = {{0.9, 0.1}, {0.3, 0.7}};
        Predictions p = new Predictions(labels, scores);
        labels[0] = 1;
        scores[0][0] = 0;
        p.scores()[1][1] = 0;
        assertThat(p.labels()).containsExactly(0, 1);
        assertThat(p.scores()).isEqualTo(new double[][] {{0.9, 0.1}, {0.3, 0.7}});
        assertThat(p.size()).isEqualTo(2);
        assertThat(p.classes()).isEqualTo(2);
        Predictions subset = p.subset(new int[] {1, 1, 0});
        assertThat(subset.labels()).containsExactly(1, 1, 0);
        assertThat(subset.scores()).isEqualTo(new double[][] {{0.3, 0.7}, {0.3, 0.7}, {0.9, 0.1}});
        assertThat(subset).isEqualTo(new Predictions(new int[] {1, 1, 0}, subset.scores()));
        assertThat(subset).hasToString("Predictions[3 samples, 2 classes]");
        assertThatThrownBy(() -> p.subset(new int[] {0, 2}))
                .hasMessage("predictions: subset index 2 at position 1 is outside [0, 2)");
    }
}
