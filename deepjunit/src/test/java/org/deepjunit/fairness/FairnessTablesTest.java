package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.GateVerdict.Status;
import org.junit.jupiter.api.Test;

/**
 * Every fairness figure against values computed by hand on {@link Tables}' twelve samples (group A: selection rate
 * 3/6, TPR 2/3, FPR 1/3, accuracy 4/6; group B: 1/6, 1/2, 0/4, 5/6), and the gates' messages.
 */
class FairnessTablesTest {

    private static final double EXACT = 1e-12;

    private static FairnessReport handTable() {
        return Fairness.of(Tables.table(1), Tables.groups(1))
                .minimumGroupSize(1)
                .report();
    }

    @Test
    void perGroupRatesAreTheHandComputedOnes() {
        FairnessReport r = handTable();
        assertThat(r.groups()).containsExactly("group=A", "group=B");
        assertThat(r.grouping()).isEqualTo("group");
        assertThat(r.counts().binary("group=A", 1)).isEqualTo(new BinaryCounts(2, 1, 2, 1));
        assertThat(r.counts().binary("group=B", 1)).isEqualTo(new BinaryCounts(1, 0, 4, 1));
        assertThat(value(r, FairnessMetric.SELECTION_RATE, "group=A")).isCloseTo(3 / 6.0, within(EXACT));
        assertThat(value(r, FairnessMetric.SELECTION_RATE, "group=B")).isCloseTo(1 / 6.0, within(EXACT));
        assertThat(value(r, FairnessMetric.TRUE_POSITIVE_RATE, "group=A")).isCloseTo(2 / 3.0, within(EXACT));
        assertThat(value(r, FairnessMetric.TRUE_POSITIVE_RATE, "group=B")).isCloseTo(1 / 2.0, within(EXACT));
        assertThat(value(r, FairnessMetric.FALSE_POSITIVE_RATE, "group=A")).isCloseTo(1 / 3.0, within(EXACT));
        assertThat(value(r, FairnessMetric.FALSE_POSITIVE_RATE, "group=B")).isCloseTo(0, within(EXACT));
        assertThat(value(r, FairnessMetric.ACCURACY, "group=A")).isCloseTo(4 / 6.0, within(EXACT));
        assertThat(value(r, FairnessMetric.ACCURACY, "group=B")).isCloseTo(5 / 6.0, within(EXACT));
        // n is what each rate is computed on: every sample, the positive ones, the negative ones
        assertThat(r.figure(FairnessMetric.SELECTION_RATE, "group=B").n()).isEqualTo(6);
        assertThat(r.figure(FairnessMetric.TRUE_POSITIVE_RATE, "group=B").n()).isEqualTo(2);
        assertThat(r.figure(FairnessMetric.FALSE_POSITIVE_RATE, "group=B").n()).isEqualTo(4);
    }

    @Test
    void comparisonsBetweenGroupsAreTheHandComputedOnes() {
        FairnessReport r = handTable();
        assertThat(value(r, FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "group"))
                .isCloseTo(3 / 6.0 - 1 / 6.0, within(EXACT));
        assertThat(value(r, FairnessMetric.DEMOGRAPHIC_PARITY_RATIO, "group"))
                .isCloseTo((1 / 6.0) / (3 / 6.0), within(EXACT));
        assertThat(value(r, FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE, "group"))
                .isCloseTo(2 / 3.0 - 1 / 2.0, within(EXACT));
        // the larger of the TPR gap (1/6) and the FPR gap (1/3)
        assertThat(value(r, FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, "group")).isCloseTo(1 / 3.0, within(EXACT));
        // the smaller of the TPR ratio (3/4) and the FPR ratio (0)
        assertThat(value(r, FairnessMetric.EQUALIZED_ODDS_RATIO, "group")).isCloseTo(0, within(EXACT));
        assertThat(value(r, FairnessMetric.ACCURACY_DIFFERENCE, "group")).isCloseTo(5 / 6.0 - 4 / 6.0, within(EXACT));
        // without a privileged group: the lowest selection rate over the highest
        assertThat(value(r, FairnessMetric.DISPARATE_IMPACT, "group")).isCloseTo(1 / 3.0, within(EXACT));
        FairnessFigure eo = r.figure(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, "group");
        assertThat(eo.n()).isEqualTo(12);
        assertThat(eo.detail())
                .isEqualTo("true positive rate from 0.5000 (group=B) to 0.6667 (group=A); false positive rate from"
                        + " 0.0000 (group=B) to 0.3333 (group=A)");
        assertThat(r.figures(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE)).singleElement();
    }

    @Test
    void disparateImpactDividesByThePrivilegedGroup() {
        FairnessReport r = Fairness.of(Tables.table(1), Tables.groups(1))
                .minimumGroupSize(1)
                .privileged("group=B")
                .report();
        // rate(A) / rate(B): A is favoured, so the ratio is above 1
        FairnessFigure di = r.figure(FairnessMetric.DISPARATE_IMPACT, "group=A vs group=B");
        assertThat(di.value()).isCloseTo((3 / 6.0) / (1 / 6.0), within(EXACT));
        assertThat(di.detail()).isEqualTo("selection rate 0.5000 (group=A) against 0.1667 (group=B)");
        assertThat(r.figures(FairnessMetric.DISPARATE_IMPACT)).singleElement();
    }

    @Test
    void aFourFifthsGateFailsWhenTheWholeIntervalIsBelow() {
        // ten times the table: 60 samples a group
        FairnessReport r = Fairness.of(Tables.table(10), Tables.groups(10))
                .privileged("group=A")
                .report();
        FairnessFigure di = r.figure(FairnessMetric.DISPARATE_IMPACT, "group=B vs group=A");
        assertThat(di.value()).isCloseTo(1 / 3.0, within(EXACT));
        assertThat(di.upper()).isLessThan(0.8);
        assertThat(di.lower()).isLessThan(di.value());
        String message = String.format(
                Locale.ROOT,
                "Fairness gate failed for table: disparate impact (group=B vs group=A, n = 120) is 0.3333 (95%%"
                        + " interval %.4f to %.4f), but expected minimum is 0.8000; selection rate 0.1667 (group=B)"
                        + " against 0.5000 (group=A)",
                di.lower(),
                di.upper());
        FairnessGates gates = FairnessGates.on(r)
                .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
                .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.9));
        assertThatThrownBy(gates::check)
                .isInstanceOf(AssertionError.class)
                .hasMessage("1 fairness gate failed:\n" + message);
        List<GateVerdict> verdicts = gates.verdicts();
        assertThat(verdicts).extracting(GateVerdict::status).containsExactly(Status.FAILED, Status.PASSED);
        FairnessFigure dp = r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "group");
        assertThat(verdicts.get(1).message())
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "Fairness gate passed for table: demographic parity difference (group, n = 120) is 0.3333 (95%%"
                                + " interval %.4f to %.4f); selection rate from 0.1667 (group=B) to 0.5000 (group=A)",
                        dp.lower(),
                        dp.upper()));
        assertThat(verdicts.get(0))
                .extracting(GateVerdict::model, GateVerdict::metric, GateVerdict::slice, GateVerdict::n)
                .containsExactly("table", "disparate impact", "group=B vs group=A", 120);
        assertThat(verdicts.get(0).lower()).isEqualTo(di.lower());
    }

    @Test
    void anUpperBoundFailsWhenTheWholeIntervalIsAbove() {
        FairnessReport r = Fairness.of(Tables.table(10), Tables.groups(10)).report();
        FairnessFigure dp = r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "group");
        assertThat(dp.lower()).isGreaterThan(0.1);
        List<GateVerdict> v = FairnessGates.on(r)
                .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.1))
                .verdicts();
        assertThat(v).singleElement().extracting(GateVerdict::status).isEqualTo(Status.FAILED);
        assertThat(v.get(0).message()).contains("but expected maximum is 0.1000");
    }

    @Test
    void theStratifiedIntervalOfARateIsTheBinomialOfItsStrata() {
        // group B (x10): 20 positives, half selected, and 40 negatives, none selected. Resampling within each true
        // class keeps 40 negatives at 0 and draws the positives' selections as Binomial(20, 1/2): its 2.5% and 97.5%
        // quantiles are 6 and 14, so the selection rate's interval is [6/60, 14/60]. Resampling the group without
        // its classes would give Binomial(60, 1/6): [5/60, 16/60].
        FairnessReport r = Fairness.of(Tables.table(10), Tables.groups(10)).report();
        FairnessFigure b = r.figure(FairnessMetric.SELECTION_RATE, "group=B");
        assertThat(b.lower()).isCloseTo(6 / 60.0, within(0.5 / 60));
        assertThat(b.upper()).isCloseTo(14 / 60.0, within(0.5 / 60));
        // the FPR of B has no selected negative: every resample keeps it at 0
        FairnessFigure fpr = r.figure(FairnessMetric.FALSE_POSITIVE_RATE, "group=B");
        assertThat(new double[] {fpr.lower(), fpr.value(), fpr.upper()}).containsExactly(0, 0, 0);
    }

    @Test
    void theReportListsEveryFigure() {
        String text = handTable().toString();
        assertThat(text)
                .startsWith(
                        "Fairness of table by group (positive class 1; 95% intervals from 2000 stratified resamples,"
                                + " seed 2017; rates on fewer than 1 samples inconclusive)")
                .contains("\n  selection rate (group=A, n = 6) = 0.5000 [")
                .contains("\n  disparate impact (group, n = 12) = 0.3333 [");
        assertThat(text.lines()).hasSize(1 + 4 * 2 + 6 + 1);
    }

    private static double value(FairnessReport r, FairnessMetric metric, String slice) {
        return r.figure(metric, slice).value();
    }
}
