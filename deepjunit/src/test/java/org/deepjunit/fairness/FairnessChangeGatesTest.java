package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.GateVerdict.Status;
import org.deepjunit.quality.Slicing;
import org.junit.jupiter.api.Test;

/**
 * Change gates of fairness figures against a baseline model on the same samples, on a paired bootstrap: a
 * disparate impact that falls from 0.9 to 0.6 fails, the same model against itself changes by exactly 0 and passes,
 * an improvement passes, small groups are inconclusive, and a baseline on other samples is refused.
 */
class FairnessChangeGatesTest {

    /**
     * 400 samples: group A (0 … 199) then group B (200 … 399), each 100 positives then 100 negatives. Both models
     * select A's 100 positives (selection rate 0.5); of B's positives, v1 selects 90 (rate 0.45, disparate impact
     * 0.9), v2 only 60 of those (rate 0.3, disparate impact 0.6). No negative is selected.
     */
    static Evaluation model(String name, int selectedOfB) {
        int[] labels = new int[400];
        int[] predicted = new int[400];
        for (int i = 0; i < 400; i++) {
            int k = i % 200;
            labels[i] = k < 100 ? 1 : 0;
            predicted[i] = (i < 200 && k < 100) || (i >= 200 && k < selectedOfB) ? 1 : 0;
        }
        return Tables.evaluation(name, labels, predicted, 2);
    }

    static Slicing groups() {
        List<String> groups = new ArrayList<>(Collections.nCopies(200, "A"));
        groups.addAll(Collections.nCopies(200, "B"));
        return Slicing.byValues("group", groups);
    }

    static Fairness fairness(Evaluation e) {
        return Fairness.of(e, groups()).privileged("group=A");
    }

    @Test
    void aDisparateImpactFallingFromNineTenthsToSixTenthsFails() {
        FairnessReport v1 = fairness(model("v1", 90)).report();
        FairnessReport v2 = fairness(model("v2", 60)).report();
        assertThat(v1.figure(FairnessMetric.DISPARATE_IMPACT, "group=B vs group=A")
                        .value())
                .isEqualTo(0.9);
        assertThat(v2.figure(FairnessMetric.DISPARATE_IMPACT, "group=B vs group=A")
                        .value())
                .isEqualTo(0.6);
        FairnessGates gates =
                FairnessGates.on(v2).against(v1).gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.05));
        assertThatThrownBy(gates::check)
                .isInstanceOf(AssertionError.class)
                .hasMessage("1 fairness gate failed:\nFairness gate failed for v2 against v1: disparate impact"
                        + " (group=B vs group=A, n = 400) is 0.6000 against the baseline v1's 0.9000: change -0.3000"
                        + " (95% interval -0.3900 to -0.2100), but the largest drop allowed is 0.0500; selection rate"
                        + " 0.3000 (group=B) against 0.5000 (group=A)");
        GateVerdict v = gates.verdicts().get(0);
        assertThat(v.baseline()).isEqualTo(0.9);
        assertThat(v.change()).isCloseTo(-0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(v.upper()).isLessThan(-0.05);
    }

    @Test
    void theSameModelAgainstItselfChangesByExactlyZeroAndPasses() {
        FairnessReport v2 = fairness(model("v2", 60)).report();
        FairnessReport again = fairness(model("v2", 60)).report();
        FairnessGates gates = FairnessGates.on(v2).against(again);
        for (FairnessMetric m : FairnessMetric.values()) {
            if (m.worseningSign() != 0) {
                gates.gate(m, g -> g.maxWorsening(0));
            }
        }
        List<GateVerdict> verdicts = gates.check();
        assertThat(verdicts).hasSize(13).extracting(GateVerdict::status).containsOnly(Status.PASSED);
        assertThat(verdicts).allSatisfy(v -> {
            assertThat(v.change()).isZero();
            assertThat(v.lower()).isZero();
            assertThat(v.upper()).isZero();
        });
    }

    @Test
    void onlyAChangeForTheWorseCounts() {
        FairnessReport v1 = fairness(model("v1", 90)).report();
        FairnessReport v2 = fairness(model("v2", 60)).report();
        // v1 against v2 is an improvement: disparate impact rises, the parity difference falls; both pass
        List<GateVerdict> better = FairnessGates.on(v1)
                .against(v2)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0))
                .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.maxWorsening(0))
                .gate(FairnessMetric.TRUE_POSITIVE_RATE, g -> g.maxWorsening(0))
                .check();
        assertThat(better).extracting(GateVerdict::status).containsOnly(Status.PASSED);
        // v2 against v1: a parity difference rising from 0.05 to 0.2 fails, larger being worse for a difference
        List<GateVerdict> worse = FairnessGates.on(v2)
                .against(v1)
                .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.maxWorsening(0.05))
                .gate(FairnessMetric.TRUE_POSITIVE_RATE, g -> g.maxWorsening(0.05))
                .verdicts();
        assertThat(worse).extracting(GateVerdict::status).containsExactly(Status.FAILED, Status.PASSED, Status.FAILED);
        assertThat(worse.get(0).message()).contains("change +0.1500").contains("the largest rise allowed is 0.0500");
        assertThat(worse.get(2).message()).contains("change -0.3000").contains("the largest drop allowed is 0.0500");
    }

    @Test
    void smallGroupsAreInconclusive() {
        // the 12-sample table (6 a group) against a model that selects nobody
        Evaluation table = Tables.table(1);
        Evaluation none = Tables.evaluation("none", Tables.LABELS, new int[12], 2);
        FairnessReport r =
                Fairness.of(table, Tables.groups(1)).privileged("group=A").report();
        FairnessReport base =
                Fairness.of(none, Tables.groups(1)).privileged("group=A").report();
        List<GateVerdict> v = FairnessGates.on(r)
                .against(base)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0))
                .check();
        assertThat(v).extracting(GateVerdict::status).containsExactly(Status.INCONCLUSIVE);
        assertThat(v.get(0).message())
                .isEqualTo("Fairness gate inconclusive for table against none: disparate impact (group=B vs group=A,"
                        + " n = 12): group group=B has n = 6 < 30; group group=A has n = 6 < 30, too few samples to"
                        + " decide");
    }

    @Test
    void anIntervalAcrossTheAllowedWorseningIsInconclusive() {
        FairnessReport v1 = fairness(model("v1", 90)).report();
        FairnessReport v2 = fairness(model("v2", 60)).report();
        GateVerdict v = FairnessGates.on(v2)
                .against(v1)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.3))
                .verdicts()
                .get(0);
        assertThat(v.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(v.message()).contains("which contains a drop of 0.3000: too few samples to decide");
    }

    @Test
    void aBaselineOnOtherSamplesOrGroupsIsAClearError() {
        FairnessReport v2 = fairness(model("v2", 60)).report();
        FairnessReport shorter = Fairness.of(Tables.table(1), Tables.groups(1))
                .privileged("group=A")
                .report();
        assertThatThrownBy(() -> FairnessGates.on(v2).against(shorter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The fairness reports of table (baseline) and v2 (candidate) are not on the same samples"
                        + " and groups: they have 12 and 400 samples. A change gate compares two models on the same"
                        + " evaluated data, grouped by the same attributes");
        List<String> swapped = new ArrayList<>(Collections.nCopies(200, "B"));
        swapped.addAll(Collections.nCopies(200, "A"));
        FairnessReport otherGroups = Fairness.of(model("v1", 90), Slicing.byValues("group", swapped))
                .privileged("group=A")
                .report();
        assertThatThrownBy(() -> FairnessGates.on(v2).against(otherGroups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 0 is (group=B, class 1) in one and (group=A, class 1) in the other");
        FairnessReport counts =
                Fairness.of("v1", "group", v2.counts()).privileged("group=A").report();
        assertThatThrownBy(() -> FairnessGates.on(v2).against(counts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the report of v1 was made from counts");
        assertThatThrownBy(() -> FairnessGates.on(v2).gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no baseline: call against(baselineReport) first");
        assertThatThrownBy(() ->
                        FairnessGates.on(v2).against(v2).gate(FairnessMetric.SELECTION_RATE, g -> g.maxWorsening(0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The selection rate has no worse side");
    }

    @Test
    void fairnessAgainstAnEvaluationComputesTheBaselineAlike() {
        List<List<GateVerdict>> recorded = new ArrayList<>();
        FairnessGates gates =
                fairness(model("v2", 60)).onVerdicts(recorded::add).against(model("v1", 90));
        assertThat(gates.baseline().model()).isEqualTo("v1");
        assertThat(gates.baseline().privileged()).isEqualTo("group=A");
        List<GateVerdict> v = gates.gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.05))
                .verdicts();
        assertThat(v).extracting(GateVerdict::status).containsExactly(Status.FAILED);
        assertThat(recorded).containsExactly(v);
    }
}
