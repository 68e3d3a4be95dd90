package org.deepjunit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.quality.metrics.Predictions;
import org.junit.jupiter.api.Test;

/** Gates on evaluations built by hand: exact messages, inconclusive slices, change gates against a baseline. */
class QualityGatesTest {

    /** {@code n} two-class samples, label {@code i % 2}; the first {@code wrong} are answered wrongly, with certainty. */
    static Evaluation answering(String model, int n, int wrong) {
        int[] labels = new int[n];
        double[][] scores = new double[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int answer = i < wrong ? 1 - labels[i] : labels[i];
            scores[i] = answer == 0 ? new double[] {0.9, 0.1} : new double[] {0.1, 0.9};
        }
        return Evaluation.of(model, model + "-fingerprint", "digest", new Predictions(labels, scores));
    }

    @Test
    void anAbsoluteGateFailsWithJaCoCoStyleMessage() {
        Evaluation e = answering("m", 100, 10); // accuracy 0.9
        assertThatThrownBy(() -> QualityGates.on(e)
                        .gate(Metrics.ACCURACY, g -> g.atLeast(0.95))
                        .check())
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "1 quality gate failed:\n"
                                + "Quality gate failed for m: accuracy (all, n = 100) is 0.9000, but expected minimum is 0.9500");
        List<GateVerdict> passed =
                QualityGates.on(e).gate(Metrics.ACCURACY, g -> g.atLeast(0.9)).check();
        assertThat(passed).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(GateVerdict.Status.PASSED);
            assertThat(v.value()).isEqualTo(0.9);
        });
    }

    @Test
    void aSliceTooSmallToDecideIsInconclusiveNotPassedOrFailed() {
        // 12 samples: a gate that would fail (accuracy 0) and one that would pass are both inconclusive
        Evaluation e = answering("m", 12, 12);
        List<GateVerdict> verdicts =
                QualityGates.on(e).gate(Metrics.ACCURACY, g -> g.atLeast(0.5)).check();
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(GateVerdict.Status.INCONCLUSIVE);
            assertThat(v.message())
                    .isEqualTo(
                            "Quality gate inconclusive for m: accuracy (all): n = 12 < 30, too few samples to decide");
        });
        assertThat(QualityGates.on(e)
                        .minimumSamples(10)
                        .gate(Metrics.ACCURACY, g -> g.atLeast(0.5))
                        .verdicts())
                .singleElement()
                .extracting(GateVerdict::status)
                .isEqualTo(GateVerdict.Status.FAILED);
    }

    @Test
    void perSliceGatesJudgeEachClass() {
        Evaluation e = answering("m", 200, 40).slicedBy(Slicing.byClass()); // the 40 wrong: 20 of each class
        List<GateVerdict> verdicts = QualityGates.on(e)
                .gate(Metrics.ACCURACY, g -> g.atLeast(0.7).perSlice())
                .check();
        assertThat(verdicts).extracting(GateVerdict::slice).containsExactly("all", "class=0", "class=1");
        assertThat(verdicts).extracting(GateVerdict::value).containsExactly(0.8, 0.8, 0.8);
        assertThat(verdicts).extracting(GateVerdict::n).containsExactly(200, 100, 100);
    }

    @Test
    void aBaselineComparedWithItselfNeverFails() {
        Evaluation e = answering("m", 500, 100);
        List<GateVerdict> verdicts = QualityGates.on(e)
                .against(e)
                .gate(Metrics.ACCURACY, g -> g.maxDrop(0))
                .gate(Metrics.LOG_LOSS, g -> g.maxDrop(0))
                .check();
        assertThat(verdicts).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo(GateVerdict.Status.PASSED);
            assertThat(v.change()).isZero();
        });
    }

    @Test
    void aSignificantRegressionFailsTheChangeGateAndAnInsignificantOneDoesNot() {
        Evaluation baseline = answering("v1", 1000, 50); // 0.95
        Evaluation worse = answering("v2", 1000, 120); // 0.88: 70 more wrong, all discordant the same way
        assertThatThrownBy(() -> QualityGates.on(worse)
                        .against(baseline)
                        .gate(Metrics.ACCURACY, g -> g.maxDrop(0.01))
                        .check())
                .hasMessageStartingWith("1 quality gate failed:\nQuality gate failed for v2: accuracy (all, n = 1000)"
                        + " is 0.8800 against the baseline's 0.9500: change -0.0700 (95% interval ")
                .hasMessageContaining("McNemar")
                .hasMessageEndingWith("but the largest drop allowed is 0.0100");
        Evaluation slightlyWorse = answering("v2", 1000, 53); // 3 more wrong: not significant
        assertThat(QualityGates.on(slightlyWorse)
                        .against(baseline)
                        .gate(Metrics.ACCURACY, g -> g.maxDrop(0))
                        .check())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.status()).isEqualTo(GateVerdict.Status.PASSED);
                    assertThat(v.change()).isEqualTo(-0.003, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(v.upper()).isPositive();
                });
    }

    @Test
    void aBaselineOnOtherDataIsAnError() {
        Evaluation e = answering("m", 100, 0);
        Evaluation other = Evaluation.of("m", "f", "another-digest", e.predictions());
        assertThatThrownBy(() -> QualityGates.on(e).against(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was evaluated on other data")
                .hasMessageContaining("a change is only measured on the same samples");
    }

    @Test
    void gatesWithoutLimitsOrWithImpossibleOnesAreErrors() {
        Evaluation e = answering("m", 100, 0);
        assertThatThrownBy(() -> QualityGates.on(e).gate(Metrics.ACCURACY, g -> {}))
                .hasMessage("The gate on accuracy sets no limit: give atLeast, atMost, maxDrop or maxRelativeDrop");
        assertThatThrownBy(() -> QualityGates.on(e)
                        .gate(Metrics.ACCURACY, g -> g.atLeast(0.9).atMost(0.8)))
                .hasMessage("The gate on accuracy asks for at least 0.9 and at most 0.8: no value passes");
        assertThatThrownBy(() -> QualityGates.on(e)
                        .gate(Metrics.ACCURACY, g -> g.maxDrop(0.01))
                        .check())
                .hasMessageContaining("call against(baseline)");
        assertThatThrownBy(() -> e.value(Metrics.ACCURACY, "class=3")).hasMessageContaining("No slice 'class=3'");
        assertThatThrownBy(() -> QualityGates.on(e).check())
                .hasMessageStartingWith("No gate to check on m")
                .hasMessageEndingWith("or the check could never fail");
    }
}
