package org.deepjunit.quality.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.quality.metrics.Predictions;
import org.junit.jupiter.api.Test;

/** The paired bootstrap: deterministic for a seed, degenerate where it must be, decisive where it should be. */
class PairedBootstrapTest {

    private static final int N = 300;

    /** Two classes; the model is right on the samples marked in {@code right}. */
    private static Predictions model(int[] labels, boolean[] right) {
        double[][] scores = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            boolean one = (labels[i] == 1) == right[i];
            scores[i] = one ? new double[] {0.3, 0.7} : new double[] {0.8, 0.2};
        }
        return new Predictions(labels, scores);
    }

    private static int[] labels() {
        return new SplittableRandom(7).ints(N, 0, 2).toArray();
    }

    /** Right on all but the first {@code wrong} samples. */
    private static boolean[] rightBut(int wrong) {
        boolean[] right = new boolean[N];
        for (int i = wrong; i < N; i++) {
            right[i] = true;
        }
        return right;
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        int[] labels = labels();
        Predictions baseline = model(labels, rightBut(30));
        Predictions candidate = model(labels, rightBut(45));
        BootstrapResult a = PairedBootstrap.withSeed(42).resamples(500).compare(Metrics.MACRO_F1, baseline, candidate);
        BootstrapResult b = PairedBootstrap.withSeed(42).resamples(500).compare(Metrics.MACRO_F1, baseline, candidate);
        BootstrapResult c = PairedBootstrap.withSeed(43).resamples(500).compare(Metrics.MACRO_F1, baseline, candidate);
        assertThat(a).isEqualTo(b);
        assertThat(c.observed()).isEqualTo(a.observed());
        assertThat(c).isNotEqualTo(a);
        assertThat(a.resamples()).isEqualTo(500);
        assertThat(a.confidence()).isEqualTo(0.95);
    }

    @Test
    void identicalClassifiersGiveTheIntervalZeroZeroAndPOne() {
        int[] labels = labels();
        Predictions model = model(labels, rightBut(50));
        BootstrapResult r = PairedBootstrap.withSeed(1).compare(Metrics.LOG_LOSS, model, model);
        assertThat(r.observed()).isZero();
        assertThat(r.lower()).isZero();
        assertThat(r.upper()).isZero();
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.resamples()).isEqualTo(PairedBootstrap.DEFAULT_RESAMPLES);
    }

    @Test
    void aClearlyWorseCandidateHasItsWholeIntervalBelowZero() {
        // 300 samples: the baseline is wrong on 30, the candidate on 90 (60 more): accuracy 0.9 against 0.7
        int[] labels = labels();
        BootstrapResult r = PairedBootstrap.withSeed(2024)
                .compare(Metrics.ACCURACY, model(labels, rightBut(30)), model(labels, rightBut(90)));
        assertThat(r.observed()).isCloseTo(-0.2, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(r.upper()).isLessThan(0);
        assertThat(r.lower()).isLessThan(r.observed());
        assertThat(r.pValue()).isLessThan(0.01);
        // no resample can be ≥ 0 here, so p is its floor 2 · 1 / (B + 1)
        assertThat(r.pValue()).isEqualTo(2.0 / 2001);
    }

    @Test
    void thePValueCountsTheObservedSampleAsOneMoreDraw() {
        // every difference is +1: #{d ≤ 0} = 0, so p = 2 · (1 + 0) / (99 + 1) = 0.02; the interval is [1, 1]
        BootstrapResult r = PairedBootstrap.withSeed(5).resamples(99).compare(10, indices -> 0, indices -> 1);
        assertThat(r.pValue()).isEqualTo(0.02);
        assertThat(r.lower()).isEqualTo(1.0);
        assertThat(r.upper()).isEqualTo(1.0);
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        // position (5 − 1) · q: q = 0.25 → 1 → 2; q = 0.1 → 0.4 → 1 + 0.4 · (2 − 1)
        assertThat(PairedBootstrap.quantile(sorted, 0.25)).isEqualTo(2.0);
        assertThat(PairedBootstrap.quantile(sorted, 0.1)).isEqualTo(1.4);
        assertThat(PairedBootstrap.quantile(sorted, 1.0)).isEqualTo(5.0);
        assertThat(PairedBootstrap.quantile(sorted, 0.0)).isEqualTo(1.0);
    }

    @Test
    void thePercentileIntervalCoversTheTrueDifferenceAboutAsOftenAsItSays() {
        // 200 simulated test sets of 200 paired samples: baseline right with p 0.80, candidate with 0.85,
        // independently; true accuracy difference 0.05. A 90% interval should cover it about 180 times
        // (binomial sd ≈ 4.2), and in any case between 165 and 192.
        SplittableRandom data = new SplittableRandom(99);
        int covered = 0;
        int sets = 200;
        int n = 200;
        PairedBootstrap bootstrap = PairedBootstrap.withSeed(3).resamples(400).confidence(0.90);
        for (int s = 0; s < sets; s++) {
            boolean[] base = new boolean[n];
            boolean[] cand = new boolean[n];
            for (int i = 0; i < n; i++) {
                base[i] = data.nextDouble() < 0.80;
                cand[i] = data.nextDouble() < 0.85;
            }
            BootstrapResult r = bootstrap.compare(n, idx -> mean(base, idx), idx -> mean(cand, idx));
            if (r.lower() <= 0.05 && 0.05 <= r.upper()) {
                covered++;
            }
        }
        assertThat(covered).isBetween(165, 192);
    }

    private static double mean(boolean[] right, int[] indices) {
        int hits = 0;
        for (int i : indices) {
            hits += right[i] ? 1 : 0;
        }
        return (double) hits / indices.length;
    }

    @Test
    void badInputIsNamed() {
        int[] labels = {0, 1, 0, 1};
        Predictions a = new Predictions(labels, new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.7, 0.3}});
        Predictions shorter = new Predictions(new int[] {0, 1, 0}, new double[][] {{1, 0}, {0, 1}, {1, 0}});
        assertThatThrownBy(() -> PairedBootstrap.withSeed(1).compare(Metrics.ACCURACY, a, shorter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("paired bootstrap of accuracy: the baseline has 4 samples, but the candidate 3; compare"
                        + " both on the same samples");
        assertThatThrownBy(() -> PairedBootstrap.withSeed(1).resamples(0))
                .hasMessage("paired bootstrap: needs at least 1 resample, was 0");
        assertThatThrownBy(() -> PairedBootstrap.withSeed(1).confidence(95))
                .hasMessage("paired bootstrap: the confidence level must be between 0 and 1 (e.g. 0.95), was 95.0");
        // a resample of 4 samples soon lacks a class, and then AUC is undefined: said with the resample and seed
        assertThatThrownBy(() -> PairedBootstrap.withSeed(1).compare(Metrics.ROC_AUC, a, a))
                .hasMessage("paired bootstrap of ROC-AUC: resample 33 of 2000 (seed 1) failed: ROC-AUC: every sample"
                        + " has class 0, so its one-vs-rest AUC is undefined (no negatives); evaluate on samples of"
                        + " more than one class");
    }
}
