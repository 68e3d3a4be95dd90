package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.junit.jupiter.api.Test;

/** Intersectional groups over several attributes, and multiclass models judged one-vs-rest, by hand. */
class FairnessGroupsTest {

    private static final double EXACT = 1e-12;

    /**
     * Eight samples; no man is young, so that combination is no group:
     *
     * <pre>
     * sample   0   1   2     3     4   5   6   7
     * sex      F   F   F     F     M   M   M   F
     * age      old old young young old old old old
     * label    1   0   1     0     1   0   1   0
     * pred     1   1   0     0     1   0   1   0
     * </pre>
     */
    private static final List<String> SEX = List.of("F", "F", "F", "F", "M", "M", "M", "F");

    private static final Evaluation PEOPLE =
            Tables.evaluation("people", new int[] {1, 0, 1, 0, 1, 0, 1, 0}, new int[] {1, 1, 0, 0, 1, 0, 1, 0}, 2);

    @Test
    void severalAttributesMakeTheirIntersections() {
        FairnessReport r = Fairness.of(
                        PEOPLE,
                        Slicing.byValues("sex", SEX),
                        Slicing.by("age", i -> i == 2 || i == 3 ? "young" : "old")) // a function of the sample index
                .minimumGroupSize(1)
                .privileged("sex=M & age=old")
                .report();
        assertThat(r.grouping()).isEqualTo("sex & age");
        assertThat(r.groups()).containsExactly("sex=F & age=old", "sex=F & age=young", "sex=M & age=old");
        assertThat(r.counts().binary("sex=F & age=old", 1)).isEqualTo(new BinaryCounts(1, 1, 1, 0));
        assertThat(r.counts().binary("sex=F & age=young", 1)).isEqualTo(new BinaryCounts(0, 0, 1, 1));
        assertThat(r.counts().binary("sex=M & age=old", 1)).isEqualTo(new BinaryCounts(2, 0, 1, 0));
        assertThat(r.figure(FairnessMetric.SELECTION_RATE, "sex=F & age=old").value())
                .isCloseTo(2 / 3.0, within(EXACT));
        assertThat(r.figure(FairnessMetric.SELECTION_RATE, "sex=F & age=young").value())
                .isZero();
        FairnessFigure dp = r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, "sex & age");
        assertThat(dp.value()).isCloseTo(2 / 3.0, within(EXACT));
        // ties for the highest rate go to the last group
        assertThat(dp.detail()).isEqualTo("selection rate from 0.0000 (sex=F & age=young) to 0.6667 (sex=M & age=old)");
        assertThat(r.figure(FairnessMetric.DISPARATE_IMPACT, "sex=F & age=old vs sex=M & age=old")
                        .value())
                .isEqualTo(1);
        assertThat(r.figure(FairnessMetric.DISPARATE_IMPACT, "sex=F & age=young vs sex=M & age=old")
                        .value())
                .isZero();
        // TPR of F & old: its one positive is selected; FPR of M & old: its one negative is not
        assertThat(r.figure(FairnessMetric.TRUE_POSITIVE_RATE, "sex=F & age=old")
                        .value())
                .isEqualTo(1);
        assertThat(r.figure(FairnessMetric.FALSE_POSITIVE_RATE, "sex=M & age=old")
                        .value())
                .isZero();
    }

    /**
     * Three classes, two groups:
     *
     * <pre>
     * group A  labels 0 1 2 2 1  predicted 0 2 2 1 1
     * group B  labels 0 0 1 2    predicted 0 1 1 2
     * </pre>
     */
    private static final Evaluation THREE =
            Tables.evaluation("three", new int[] {0, 1, 2, 2, 1, 0, 0, 1, 2}, new int[] {0, 2, 2, 1, 1, 0, 1, 1, 2}, 3);

    private static final Slicing AB = Slicing.byValues("group", List.of("A", "A", "A", "A", "A", "B", "B", "B", "B"));

    @Test
    void multiclassModelsAreJudgedOneVsRestPerClass() {
        FairnessReport r =
                Fairness.of(THREE, AB).oneVsRest().minimumGroupSize(1).report();
        assertThat(r.positiveClasses()).containsExactly(0, 1, 2);
        double[][] selection = {{1 / 5.0, 2 / 5.0, 2 / 5.0}, {1 / 4.0, 2 / 4.0, 1 / 4.0}};
        for (int c = 0; c < 3; c++) {
            FairnessFigure a = r.figure(FairnessMetric.SELECTION_RATE, c, "group=A");
            assertThat(a.name()).isEqualTo("selection rate of class " + c);
            assertThat(a.positiveClass()).isEqualTo(c);
            assertThat(a.value()).isCloseTo(selection[0][c], within(EXACT));
            assertThat(r.figure(FairnessMetric.SELECTION_RATE, c, "group=B").value())
                    .isCloseTo(selection[1][c], within(EXACT));
            assertThat(r.figure(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, c, "group")
                            .value())
                    .isCloseTo(Math.abs(selection[0][c] - selection[1][c]), within(EXACT));
        }
        // class 2: A finds one of its two, B its one
        assertThat(r.figure(FairnessMetric.TRUE_POSITIVE_RATE, 2, "group=A").value())
                .isCloseTo(0.5, within(EXACT));
        assertThat(r.figure(FairnessMetric.TRUE_POSITIVE_RATE, 2, "group=B").value())
                .isEqualTo(1);
        // accuracy is multiclass: one figure per group, whatever the positive class
        assertThat(r.figures(FairnessMetric.ACCURACY))
                .extracting(FairnessFigure::name, FairnessFigure::positiveClass, FairnessFigure::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("accuracy", -1, 3 / 5.0),
                        org.assertj.core.groups.Tuple.tuple("accuracy", -1, 3 / 4.0));
        assertThat(r.figures(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE)).hasSize(3);
        assertThatThrownBy(() -> r.figure(FairnessMetric.SELECTION_RATE, "group=A"))
                .hasMessage("The report of three has selection rate on group=A for 3 positive classes: name the"
                        + " class, figure(metric, c, slice)");
    }

    @Test
    void oneClassOfAMulticlassModelOrTheOtherClassOfABinaryOne() {
        FairnessReport two =
                Fairness.of(THREE, AB).positiveClass(2).minimumGroupSize(1).report();
        assertThat(two.positiveClasses()).containsExactly(2);
        assertThat(two.figure(FairnessMetric.SELECTION_RATE, "group=B").name()).isEqualTo("selection rate of class 2");
        assertThat(two.figure(FairnessMetric.SELECTION_RATE, "group=B").value()).isCloseTo(0.25, within(EXACT));

        FairnessReport binary = Fairness.of(Tables.table(1), Tables.groups(1))
                .minimumGroupSize(1)
                .report();
        assertThat(binary.figure(FairnessMetric.SELECTION_RATE, "group=A").name())
                .isEqualTo("selection rate");
        FairnessReport zero = Fairness.of(Tables.table(1), Tables.groups(1))
                .positiveClass(0)
                .minimumGroupSize(1)
                .report();
        // class 0 in group A: predicted for samples 2, 4 and 5
        FairnessFigure a = zero.figure(FairnessMetric.SELECTION_RATE, "group=A");
        assertThat(a.name()).isEqualTo("selection rate of class 0");
        assertThat(a.value()).isCloseTo(3 / 6.0, within(EXACT));
    }
}
