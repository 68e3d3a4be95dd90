package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.GateVerdict.Status;
import org.deepjunit.quality.Slicing;
import org.junit.jupiter.api.Test;

/**
 * Small groups and wide intervals are inconclusive rather than passing or failing by chance: a group under the
 * minimum group size, a comparison left with fewer than two large groups, an interval that contains the bound; and
 * many groups alike never fail by the bias of re-picking the extremes.
 */
class FairnessInconclusiveTest {

    @Test
    void groupsUnderTheMinimumAreInconclusive() {
        // the 12-sample table: 6 samples a group, under the default minimum of 30
        FairnessReport r = Fairness.of(Tables.table(1), Tables.groups(1))
                .privileged("group=A")
                .report();
        FairnessFigure b = r.figure(FairnessMetric.SELECTION_RATE, "group=B");
        assertThat(b.conclusive()).isFalse();
        assertThat(b.inconclusive()).isEqualTo("group group=B has n = 6 < 30");
        assertThat(b.value()).isCloseTo(1 / 6.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.lower()).isNaN();
        assertThat(r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "group")
                        .inconclusive())
                .isEqualTo("fewer than two groups have enough samples for the selection rate: group group=A has n = 6"
                        + " < 30; group group=B has n = 6 < 30");
        List<GateVerdict> v = FairnessGates.on(r)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
                .gate(FairnessMetric.TRUE_POSITIVE_RATE, g -> g.atLeast(0.9))
                .check(); // inconclusive verdicts do not fail the check
        assertThat(v).extracting(GateVerdict::status).containsOnly(Status.INCONCLUSIVE);
        assertThat(v.get(0).message())
                .isEqualTo("Fairness gate inconclusive for table: disparate impact (group=B vs group=A, n = 12): group"
                        + " group=B has n = 6 < 30; group group=A has n = 6 < 30, too few samples to decide");
        assertThat(v.get(1).message())
                .isEqualTo(
                        "Fairness gate inconclusive for table: true positive rate (group=A, n = 3): group group=A has"
                                + " 3 samples of class 1 < 30, too few samples to decide");
    }

    @Test
    void aComparisonOverAllGroupsLeavesTheSmallOnesOutAndSaysSo() {
        // A and B: the table ten times over (60 each); C: 12 samples, all selected
        Evaluation e = Tables.evaluation(
                "three",
                Tables.concat(Tables.repeat(Tables.LABELS, 10), Tables.fill(12, 1)),
                Tables.concat(Tables.repeat(Tables.PREDICTED, 10), Tables.fill(12, 1)),
                2);
        List<String> groups = new ArrayList<>(Collections.nCopies(60, "A"));
        groups.addAll(Collections.nCopies(60, "B"));
        groups.addAll(Collections.nCopies(12, "C"));
        FairnessReport r = Fairness.of(e, Slicing.byValues("group", groups))
                .privileged("group=A")
                .report();
        FairnessFigure dp = r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "group");
        // C's rate of 1 would make the difference 5/6; over A and B it is 1/2 − 1/6
        assertThat(dp.value()).isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(dp.conclusive()).isTrue();
        assertThat(dp.n()).isEqualTo(120);
        assertThat(dp.leftOut()).isEqualTo("group group=C has n = 12 < 30");
        assertThat(r.figure(FairnessMetric.DISPARATE_IMPACT, "group=C vs group=A")
                        .inconclusive())
                .isEqualTo("group group=C has n = 12 < 30");
        assertThat(r.figure(FairnessMetric.DISPARATE_IMPACT, "group=B vs group=A")
                        .conclusive())
                .isTrue();
        List<GateVerdict> v = FairnessGates.on(r)
                .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.9))
                .verdicts();
        assertThat(v.get(0).status()).isEqualTo(Status.PASSED);
        assertThat(v.get(0).message()).endsWith("; left out as too small: group group=C has n = 12 < 30");
    }

    @Test
    void anIntervalThatContainsTheBoundIsInconclusive() {
        // 40 samples a group, selection rates 0.5 and 0.35: disparate impact 0.7, but 40 samples cannot tell it
        // from 0.8
        Evaluation e = Tables.evaluation(
                "close",
                Tables.concat(Tables.fill(80, 0)),
                Tables.concat(Tables.fill(20, 1), Tables.fill(20, 0), Tables.fill(14, 1), Tables.fill(26, 0)),
                2);
        List<String> groups = new ArrayList<>(Collections.nCopies(40, "A"));
        groups.addAll(Collections.nCopies(40, "B"));
        FairnessReport r = Fairness.of(e, Slicing.byValues("group", groups))
                .privileged("group=A")
                .report();
        FairnessFigure di = r.figure(FairnessMetric.DISPARATE_IMPACT, "group=B vs group=A");
        assertThat(di.value()).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(di.lower()).isLessThan(0.8);
        assertThat(di.upper()).isGreaterThan(0.8);
        GateVerdict v = FairnessGates.on(r)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
                .check()
                .get(0);
        assertThat(v.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(v.message())
                .startsWith("Fairness gate inconclusive for close: disparate impact (group=B vs group=A, n = 80) is"
                        + " 0.7000, but its 95% interval ")
                .contains(" contains the minimum 0.8000: too few samples to decide; selection rate 0.3500 (group=B)"
                        + " against 0.5000 (group=A)");
        // with the whole interval above a lower bound, it passes
        assertThat(FairnessGates.on(r)
                        .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(di.lower()))
                        .check()
                        .get(0)
                        .status())
                .isEqualTo(Status.PASSED);
    }

    @Test
    void manyAlikeGroupsDoNotFailByTheBiasOfTheirRange() {
        // twelve groups of 30, each with 15 positives (10 selected) and 15 negatives (5 selected): every selection
        // rate is 1/2. Re-picking the highest and lowest group in each resample would put the whole interval of
        // the difference above 0.1 (the range of twelve noisy rates); the gap of the fixed pair is centred on 0.
        int[] labels = new int[12 * 30];
        int[] predicted = new int[12 * 30];
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            for (int i = 0; i < 30; i++) {
                labels[g * 30 + i] = i < 15 ? 1 : 0;
                predicted[g * 30 + i] = i < 10 || (i >= 15 && i < 20) ? 1 : 0;
                groups.add(String.format("%02d", g));
            }
        }
        FairnessReport r = Fairness.of(Tables.evaluation("alike", labels, predicted, 2), Slicing.byValues("g", groups))
                .report();
        FairnessFigure dp = r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "g");
        assertThat(dp.value()).isZero();
        assertThat(dp.lower()).isNegative();
        assertThat(dp.upper()).isPositive();
        assertThat(FairnessGates.on(r)
                        .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.1))
                        .check()
                        .get(0)
                        .status())
                .isEqualTo(Status.INCONCLUSIVE);
    }
}
