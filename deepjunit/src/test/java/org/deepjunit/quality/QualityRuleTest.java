package org.deepjunit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepjunit.quality.RunFigures.Figure;
import org.junit.jupiter.api.Test;

/** Quality rules from a POM: their syntax, and their verdicts on figures written out here. */
class QualityRuleTest {

    static final List<Figure> FIGURES = List.of(
            new Figure("T.a", "lenet5", "accuracy", "all", 0.9881, 10_000),
            new Figure("T.a", "lenet5", "accuracy", "class=3", 0.9703, 1010),
            new Figure("T.a", "lenet5", "ECE", "all", 0.004, 10_000),
            new Figure("T.b", "lenet1", "accuracy", "all", 0.9585, 10_000),
            new Figure("T.c", "lenet1", "accuracy", "all", Double.NaN, 0));

    @Test
    void readsModelSliceMetricDirectionAndLimit() {
        assertThat(QualityRule.parse(" lenet5:accuracy:atLeast:0.98 ,\n lenet5[class=3]:macro F1:atMost:1e-2\n"))
                .containsExactly(
                        new QualityRule("lenet5", "all", "accuracy", true, 0.98),
                        new QualityRule("lenet5", "class=3", "macro F1", false, 0.01));
    }

    @Test
    void badRulesSayWhatIsWrongAndShowTheSyntax() {
        assertThatThrownBy(() -> QualityRule.parse("lenet5:accuracy:0.98"))
                .hasMessage("quality rule 'lenet5:accuracy:0.98' is not MODEL[SLICE]:METRIC:atLeast|atMost:LIMIT,"
                        + " e.g. lenet5:accuracy:atLeast:0.98 or lenet5[class=3]:ECE:atMost:0.05");
        assertThatThrownBy(() -> QualityRule.parse("lenet5:accuracy:atLeast:high"))
                .hasMessage("quality rule 'lenet5:accuracy:atLeast:high' has limit 'high', which is not a number");
        assertThatThrownBy(() -> QualityRule.parse("lenet5:accuracy:atLeast:NaN"))
                .hasMessage("quality rule 'lenet5:accuracy:atLeast:NaN' needs a finite limit");
        assertThatThrownBy(() -> QualityRule.parse(" , ")).hasMessage("no quality rule in ' , '");
    }

    @Test
    void aFigureBelowAnAtLeastLimitFailsAndOneAtTheLimitPasses() {
        assertThat(verdicts("lenet5:accuracy:atLeast:0.9881")).containsExactly(true);
        assertThat(QualityRule.parse("lenet5:accuracy:atLeast:0.99").get(0).check(FIGURES))
                .singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .extracting(QualityRule.Verdict::message)
                .isEqualTo("accuracy of lenet5 on all (10000 samples, T.a) is 0.988100, breaking"
                        + " lenet5:accuracy:atLeast:0.99 (below the limit)");
    }

    @Test
    void atMostBoundsFromAboveAndMetricNamesIgnoreCase() {
        assertThat(verdicts("lenet5:ece:atMost:0.004")).containsExactly(true);
        assertThat(verdicts("lenet5:ECE:atMost:0.0039")).containsExactly(false);
    }

    @Test
    void aSliceIsJudgedOnlyWhereNamed() {
        assertThat(verdicts("lenet5[class=3]:accuracy:atLeast:0.98")).containsExactly(false);
        assertThat(verdicts("lenet5[class=3]:accuracy:atLeast:0.97")).containsExactly(true);
    }

    @Test
    void everyMatchingFigureIsJudgedAndNaNNeverPasses() {
        // '*' matches both models; lenet1's NaN figure (T.c) breaks every limit
        assertThat(verdicts("*:accuracy:atLeast:0.95")).containsExactly(true, true, false);
        assertThat(verdicts("lenet1:accuracy:atMost:1")).containsExactly(true, false);
    }

    @Test
    void aRuleThatMatchesNothingFailsAndListsWhatWasMeasured() {
        assertThat(QualityRule.parse("lenet4:accuracy:atLeast:0.5").get(0).check(FIGURES))
                .singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .extracting(QualityRule.Verdict::message)
                .isEqualTo("no figure matches lenet4:accuracy:atLeast:0.5: the run measured lenet1[all]:accuracy,"
                        + " lenet5[all]:ECE, lenet5[all]:accuracy, lenet5[class=3]:accuracy; gate the metric in a"
                        + " @ModelQuality test, or correct the rule");
        assertThat(verdicts("lenet5:accuracy:atLeast:0.5").size()).isEqualTo(1);
        assertThat(QualityRule.parse("x:accuracy:atLeast:0.5").get(0).check(List.of()))
                .singleElement()
                .extracting(QualityRule.Verdict::message)
                .asString()
                .contains("the run measured none");
    }

    private static List<Boolean> verdicts(String rule) {
        return QualityRule.parse(rule).get(0).check(FIGURES).stream()
                .map(QualityRule.Verdict::passed)
                .toList();
    }
}
