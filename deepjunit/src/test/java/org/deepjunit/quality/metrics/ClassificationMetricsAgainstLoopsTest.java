package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Log loss, ROC-AUC and ECE on seeded random data against plain loops written from the definitions, not from the
 * implementation: AUC by comparing every positive with every negative (O(n²)), ECE by testing every bin's edges.
 */
class ClassificationMetricsAgainstLoopsTest {

    private static final int N = 400;
    private static final int K = 4;

    /** Random scores rounded to tenths, so that many tie; labels drawn from the scores so AUC is above ½. */
    private static double[][] coarseScores(SplittableRandom random, int[] labels) {
        double[][] scores = new double[N][K];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < K; j++) {
                scores[i][j] = Math.round(random.nextDouble() * 10) / 10.0;
            }
            scores[i][labels[i]] = Math.min(1, scores[i][labels[i]] + 0.2);
        }
        return scores;
    }

    private static double[][] probabilities(double[][] scores) {
        double[][] p = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            double sum = 0;
            p[i] = new double[scores[i].length];
            for (double s : scores[i]) {
                sum += s + 0.05;
            }
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = (scores[i][j] + 0.05) / sum;
            }
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchPlainLoops(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = random.ints(N, 0, K).toArray();
        double[][] scores = coarseScores(random, labels);
        double[][] p = probabilities(scores);

        assertThat(ClassificationMetrics.rocAucOneVsRest(labels, scores))
                .isCloseTo(aucByPairs(labels, scores), within(1e-12));
        assertThat(ClassificationMetrics.logLoss(labels, p)).isCloseTo(logLossByLoop(labels, p), within(1e-12));
        for (int bins : new int[] {1, 5, 10, 15}) {
            assertThat(ClassificationMetrics.expectedCalibrationError(labels, p, bins))
                    .as("%d bins", bins)
                    .isCloseTo(eceByLoop(labels, p, bins), within(1e-12));
        }
        // the rounded scores tie a lot: the tie rule matters here
        assertThat(ClassificationMetrics.rocAucOneVsRest(labels, scores)).isBetween(0.5, 1.0);
    }

    /** Macro average over classes of (pairs won + ½ pairs tied) / (positives · negatives). */
    private static double aucByPairs(int[] labels, double[][] scores) {
        double sum = 0;
        for (int c = 0; c < K; c++) {
            double won = 0;
            long pairs = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    if (labels[i] == c && labels[j] != c) {
                        pairs++;
                        if (scores[i][c] > scores[j][c]) {
                            won += 1;
                        } else if (scores[i][c] == scores[j][c]) {
                            won += 0.5;
                        }
                    }
                }
            }
            sum += won / pairs;
        }
        return sum / K;
    }

    private static double logLossByLoop(int[] labels, double[][] p) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double q = p[i][labels[i]];
            q = q < 1e-15 ? 1e-15 : q > 1 - 1e-15 ? 1 - 1e-15 : q;
            sum += -Math.log(q);
        }
        return sum / labels.length;
    }

    /** Σ over bins (lo, hi] of |bin|/n · |accuracy − mean confidence|, bins tested one by one. */
    private static double eceByLoop(int[] labels, double[][] p, int bins) {
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            int size = 0;
            int right = 0;
            double confidence = 0;
            for (int i = 0; i < labels.length; i++) {
                int argmax = 0;
                for (int j = 1; j < K; j++) {
                    if (p[i][j] > p[i][argmax]) {
                        argmax = j;
                    }
                }
                double conf = p[i][argmax];
                if ((conf > lo && conf <= hi) || (b == 0 && conf == 0)) {
                    size++;
                    confidence += conf;
                    right += argmax == labels[i] ? 1 : 0;
                }
            }
            if (size > 0) {
                ece += (double) size / labels.length * Math.abs((double) right / size - confidence / size);
            }
        }
        return ece;
    }
}
