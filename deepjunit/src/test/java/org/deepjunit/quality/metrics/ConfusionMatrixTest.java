package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counts, derived metrics computed by hand, and the merge property of the scale-out rule. */
class ConfusionMatrixTest {

    /**
     * <pre>
     * true \ predicted   0  1  2   support
     *        0           5  1  0     6
     *        1           2  3  1     6
     *        2           0  1  2     3
     * predicted count    7  5  3    15
     * </pre>
     */
    private static final long[][] TABLE = {{5, 1, 0}, {2, 3, 1}, {0, 1, 2}};

    /** Samples listed cell by cell, so that {@code of(labels, predicted, k)} must count them back into the table. */
    static int[][] samplesOf(long[][] table) {
        int n = (int) Arrays.stream(table).flatMapToLong(Arrays::stream).sum();
        int[] labels = new int[n];
        int[] predicted = new int[n];
        int i = 0;
        for (int t = 0; t < table.length; t++) {
            for (int p = 0; p < table.length; p++) {
                for (long j = 0; j < table[t][p]; j++, i++) {
                    labels[i] = t;
                    predicted[i] = p;
                }
            }
        }
        return new int[][] {labels, predicted};
    }

    @Test
    void derivedMetricsOfAThreeClassTableComputedByHand() {
        int[][] s = samplesOf(TABLE);
        ConfusionMatrix m = ConfusionMatrix.of(s[0], s[1], 3);
        assertThat(m.counts()).isEqualTo(TABLE);
        assertThat(m.total()).isEqualTo(15);
        assertThat(m.count(1, 0)).isEqualTo(2);
        assertThat(new long[] {m.support(0), m.support(1), m.support(2)}).containsExactly(6, 6, 3);
        assertThat(new long[] {m.predictedCount(0), m.predictedCount(1), m.predictedCount(2)})
                .containsExactly(7, 5, 3);
        // diagonal 5 + 3 + 2 = 10 of 15
        assertThat(m.accuracy()).isEqualTo(10 / 15.0);
        // precision = tp / column sum, recall = tp / row sum
        assertThat(m.precision(0)).isEqualTo(5 / 7.0);
        assertThat(m.recall(0)).isEqualTo(5 / 6.0);
        assertThat(m.precision(1)).isEqualTo(3 / 5.0);
        assertThat(m.recall(1)).isEqualTo(3 / 6.0);
        assertThat(m.precision(2)).isEqualTo(2 / 3.0);
        assertThat(m.recall(2)).isEqualTo(2 / 3.0);
        // F1 = 2tp / (2tp + fp + fn): class 0: 10 / (10 + 2 + 1); class 1: 6 / (6 + 2 + 3); class 2: 4 / (4 + 1 + 1)
        double f0 = 10 / 13.0;
        double f1 = 6 / 11.0;
        double f2 = 4 / 6.0;
        assertThat(m.f1(0)).isCloseTo(f0, within(1e-15));
        assertThat(m.f1(1)).isCloseTo(f1, within(1e-15));
        assertThat(m.f1(2)).isCloseTo(f2, within(1e-15));
        // and F1 is the harmonic mean 2PR / (P + R): class 0: 2 · 5/7 · 5/6 / (5/7 + 5/6) = (50/42) / (65/42)
        assertThat(m.f1(0)).isCloseTo(50 / 65.0, within(1e-15));
        // macro: (10/13 + 6/11 + 2/3) / 3 = 0.660450...; weighted by support 6, 6, 3 of 15
        assertThat(m.macroF1()).isCloseTo((f0 + f1 + f2) / 3, within(1e-15));
        assertThat(m.macroF1()).isCloseTo(0.6604506604506604, within(1e-15));
        assertThat(m.weightedF1()).isCloseTo((6 * f0 + 6 * f1 + 3 * f2) / 15, within(1e-15));
        assertThat(m.weightedF1()).isCloseTo(0.6592074592074593, within(1e-15));
    }

    @Test
    void zeroOverZeroIsZeroAndClassesAbsentFromBothSidesAreLeftOutOfTheMacroAverage() {
        // labels 0 0 1, predicted 0 0 0: class 1 is never predicted, so its precision is 0/0 = 0; recall 0/1 = 0
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 0, 0}, 3);
        assertThat(m.precision(1)).isZero();
        assertThat(m.recall(1)).isZero();
        assertThat(m.f1(1)).isZero();
        // class 2 never occurs at all: everything 0/0 = 0, and it is not in the macro average
        assertThat(m.precision(2)).isZero();
        assertThat(m.recall(2)).isZero();
        assertThat(m.f1(2)).isZero();
        // class 0: precision 2/3, recall 1, F1 = 4 / (4 + 1 + 0) = 0.8; macro over classes 0 and 1: (0.8 + 0) / 2
        assertThat(m.f1(0)).isEqualTo(0.8);
        assertThat(m.macroF1()).isEqualTo(0.4);
        // weighted: (2 · 0.8 + 1 · 0) / 3
        assertThat(m.weightedF1()).isCloseTo(1.6 / 3, within(1e-15));
    }

    @Test
    void mergingShardsIsOrderFreeAndEqualsTheMatrixOfAllSamples() {
        SplittableRandom random = new SplittableRandom(15);
        int n = 1_000;
        int k = 4;
        int[] labels = random.ints(n, 0, k).toArray();
        int[] predicted = random.ints(n, 0, k).toArray();
        ConfusionMatrix all = ConfusionMatrix.of(labels, predicted, k);
        ConfusionMatrix a = shard(labels, predicted, k, 0, 137);
        ConfusionMatrix b = shard(labels, predicted, k, 137, 702);
        ConfusionMatrix c = shard(labels, predicted, k, 702, n);
        assertThat(a.merge(b).merge(c)).isEqualTo(all).hasSameHashCodeAs(all);
        assertThat(c.merge(a).merge(b)).isEqualTo(all);
        assertThat(a.merge(c.merge(b))).isEqualTo(all);
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(ConfusionMatrix.empty(k).merge(all)).isEqualTo(all);
        assertThat(a.merge(b).merge(c).macroF1()).isEqualTo(all.macroF1());
        assertThat(ConfusionMatrix.ofCounts(all.counts())).isEqualTo(all);
        assertThat(all.toString()).startsWith("ConfusionMatrix[[");
    }

    private static ConfusionMatrix shard(int[] labels, int[] predicted, int k, int from, int to) {
        return ConfusionMatrix.of(Arrays.copyOfRange(labels, from, to), Arrays.copyOfRange(predicted, from, to), k);
    }

    @Test
    void theMatrixOfPredictionsCountsTheirArgmax() {
        Predictions p = new Predictions(
                new int[] {0, 1, 1}, new double[][] {{0.6, 0.4}, {0.5, 0.5}, {0.1, 0.9}}); // tie → class 0
        assertThat(ConfusionMatrix.of(p).counts()).isEqualTo(new long[][] {{1, 0}, {1, 1}});
    }

    @Test
    void badCountsAndMergesAreNamed() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confusion matrix: sample 1 has prediction 3, outside [0, 3) for 3 classes; predictions"
                        + " are class indices 0 to 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 3))
                .hasMessage("confusion matrix: labels has 2 samples, but predicted has 1; give one prediction per"
                        + " sample");
        assertThatThrownBy(() -> ConfusionMatrix.empty(2).merge(ConfusionMatrix.empty(3)))
                .hasMessage("confusion matrix: cannot merge a 2-class matrix with a 3-class one; every shard must"
                        + " count the same classes");
        assertThatThrownBy(() -> ConfusionMatrix.ofCounts(new long[][] {{1, -1}, {0, 0}}))
                .hasMessage("confusion matrix: count [0][1] is -1; counts must be non-negative");
        assertThatThrownBy(() -> ConfusionMatrix.empty(2).accuracy())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("accuracy is undefined on an empty confusion matrix; merge in at least one shard with"
                        + " samples");
        assertThatThrownBy(() -> ConfusionMatrix.empty(2).recall(2))
                .hasMessage("recall: class 2 is outside [0, 2) for 2 classes");
    }
}
