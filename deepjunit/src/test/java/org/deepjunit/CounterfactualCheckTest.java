package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepjunit.data.Dataset;
import org.deepjunit.fairness.Counterfactual;
import org.deepjunit.fairness.CounterfactualCheck;
import org.deepjunit.fairness.CounterfactualResult;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * {@link CounterfactualCheck} without JUnit, on {@link CounterfactualFairnessExtensionTest#linear}: several values,
 * and the inputs it refuses (nothing to change, non-tabular data, a model giving NaN).
 */
class CounterfactualCheckTest {

    /** Rows (x, sex, y): x = 0 with sex 0, x = 1 with sex 1, x = −1.2 with sex 0.5. */
    private static final Dataset ROWS =
            new Dataset("rows", Shape.of(3), new float[] {0, 0, 0, 1, 1, 0, -1.2f, 0.5f, 0}, null);

    @Test
    void everyOtherValueIsPutInAndOnlyTheChangesAreKept() {
        try (Model model = CounterfactualFairnessExtensionTest.linear(2)) {
            CounterfactualResult r =
                    CounterfactualCheck.of(model, ROWS, "sex", 1).run();
            // the values the column takes: 0, 0.5, 1; logit of class 1 = x + 2·sex − 1.5
            assertThat(r.values()).containsExactly(0, 0.5, 1);
            assertThat(r.checked()).isEqualTo(6);
            // sample 0: 0.5 → −0.5 (no change), 1 → 0.5 (class 1); sample 1: 0 → −0.5 (class 0), 0.5 → 0.5;
            // sample 2: −1.7 at 0.5, 0 → −2.7, 1 → −0.7: never class 1
            assertThat(r.changed())
                    .extracting(Counterfactual::summary)
                    .containsExactly("sex 0 → 1 changes class 0 → 1", "sex 1 → 0 changes class 1 → 0");
            assertThat(r.summary())
                    .isEqualTo(
                            "3 samples of linear checked with sex set to each of 0, 0.5, 1 (6 counterfactual inputs):"
                                    + " 2 samples' prediction changed");
        }
    }

    @Test
    void nothingToChangeIsAnError() {
        Dataset women = new Dataset("women", Shape.of(3), new float[] {0, 0, 0, 1, 0, 0}, null);
        try (Model model = CounterfactualFairnessExtensionTest.linear(2)) {
            assertThatThrownBy(
                            () -> CounterfactualCheck.of(model, women, "sex", 1).run())
                    .hasMessage("sex takes one value only in women (0): give the other values to put in");
            assertThatThrownBy(() -> CounterfactualCheck.of(model, women, "sex", 1)
                            .values(0)
                            .run())
                    .hasMessage("Every sample of women already has sex = 0: nothing was changed, so nothing is checked;"
                            + " give other values to put in");
            assertThatThrownBy(
                            () -> CounterfactualCheck.of(model, women, "sex", 1).values())
                    .hasMessage("Give at least one value of sex to put in");
            assertThatThrownBy(() -> CounterfactualCheck.of(model, women, "sex", 3))
                    .hasMessage("Feature 3 (sex) is outside the 3 features of women");
            Dataset images = new Dataset("images", Shape.of(2, 2), new float[8], null);
            assertThatThrownBy(() -> CounterfactualCheck.of(model, images, "sex", 1))
                    .hasMessage("Counterfactual checks change one feature of tabular samples, but images has samples of"
                            + " shape [2, 2]; give a CSV dataset");
        }
    }

    @Test
    void aModelGivingNaNIsAClearError() {
        try (Model model = CounterfactualFairnessExtensionTest.linear(Double.NaN)) {
            assertThatThrownBy(() -> CounterfactualCheck.of(model, ROWS, "sex", 1)
                            .values(0)
                            .run())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Model linear gives non-finite scores for samples 0 to 2 of rows: Model"
                            + " 'linear' produced NaN in its output");
        }
    }
}
