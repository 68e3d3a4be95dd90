package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** Each check passes where it must and fails with a message that says what was measured and expected. */
class ExplanationAssertionsTest {

    @Test
    void massInsideARegion() {
        Attribution a = Attribution.of("ig", "m", 1, Score.LOGIT, Tensor.of(new double[] {1, 1, 0, 2}, 2, 2, 1));
        Mask top = Mask.box(Shape.of(2, 2, 1), 0, 0, 1, 2);
        AttributionAssert.assertThat(a).hasMassInsideAtLeast(top, 0.5).hasMassInsideAtMost(top, 0.5);
        assertThatThrownBy(() -> AttributionAssert.assertThat(a).hasMassInsideAtLeast(top, 0.7))
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "The attribution (ig of m, logit of class 1) puts 0.500 of its attribution mass inside region"
                                + " 'box 1x2 at (0, 0)' (2 of 4 elements), but expected at least 0.700");
        assertThatThrownBy(() -> AttributionAssert.assertThat(a).hasMassInsideAtMost(top, 0.4))
                .hasMessageContaining("but expected at most 0.400");
        Attribution zero = Attribution.of("ig", "m", 1, Score.LOGIT, Tensor.of(new double[4], 2, 2, 1));
        assertThatThrownBy(() -> AttributionAssert.assertThat(zero).hasMassInsideAtLeast(top, 0.1))
                .hasMessageContaining("is zero everywhere");
    }

    @Test
    void completeness() {
        Attribution ok = new Attribution("ig", "m", 0, Score.LOGIT, Tensor.of(new double[] {1, 1.005}, 1, 2), 2, 0);
        AttributionAssert.assertThat(ok).hasCompletenessErrorBelow(0.01);
        assertThatThrownBy(() -> AttributionAssert.assertThat(ok).hasCompletenessErrorBelow(0.001))
                .hasMessage(
                        "The attribution (ig of m, logit of class 0) misses completeness by 0.250%: its attributions"
                                + " sum to 2.00500, but F(x) − F(x') = 2.00000 − 0.00000 = 2.00000; expected below 0.100% (more"
                                + " steps make the Riemann sum closer)");
        Attribution saliency = Attribution.of("saliency", "m", 0, Score.LOGIT, Tensor.of(new double[] {1}, 1));
        assertThatThrownBy(() -> AttributionAssert.assertThat(saliency).hasCompletenessErrorBelow(0.01))
                .hasMessageContaining("has no completeness to check");
    }

    @Test
    void rankCorrelation() {
        Attribution a = Attribution.of("ig", "m", 0, Score.LOGIT, Tensor.of(new double[] {1, 2, 3, 4}, 4));
        AttributionAssert.assertThat(a).hasRankCorrelationAtLeast(Tensor.of(new double[] {1, 2, 4, 3}, 4), 0.7);
        assertThatThrownBy(() -> AttributionAssert.assertThat(a)
                        .hasRankCorrelationAtLeast(Tensor.of(new double[] {4, 3, 2, 1}, 4), 0.5))
                .hasMessage(
                        "The attribution (ig of m, logit of class 0) has a Spearman rank correlation of -1.0000 with"
                                + " the expected map, but expected at least 0.5000");
    }

    /** On a linear model saliency never moves; gradient × input moves by exactly w·δ. */
    @Test
    void maxSensitivityOfLinearModelsIsKnown() {
        double[][] w = ExplainNets.weights(41, 2, 6);
        try (Model linear = ExplainNets.linear("linear", w, new double[2], 0)) {
            Tensor x = ExplainNets.uniform(42, 0.5, 1, 1, 6);
            MaxSensitivity.Result still = MaxSensitivity.of(
                            Explain.saliency(linear).target(0))
                    .radius(0.1)
                    .at(x);
            assertThat(still.max()).isCloseTo(0, within(1e-12));
            ExplainerAssert.assertThat(Explain.saliency(linear)).isStableAt(x, 0.1, 0.0);

            // gradient × input: ‖w ⊙ δ‖ / ‖w ⊙ x‖ ≤ r ‖w‖ / ‖w ⊙ x‖, reached at a vertex of the L∞ ball
            MaxSensitivity.Result moving = MaxSensitivity.of(
                            Explain.gradientTimesInput(linear).target(0))
                    .radius(0.1)
                    .samples(20)
                    .seed(3)
                    .at(x);
            double wNorm = 0;
            for (double v : w[0]) {
                wNorm += v * v;
            }
            double bound = 0.1 * Math.sqrt(wNorm) / moving.reference().norm();
            assertThat(moving.max()).isGreaterThan(0.2 * bound).isLessThanOrEqualTo(bound);
            assertThat(moving.mean()).isLessThanOrEqualTo(moving.max());
            assertThat(moving.samples()).isEqualTo(20);
            MaxSensitivity.Result again = MaxSensitivity.of(
                            Explain.gradientTimesInput(linear).target(0))
                    .radius(0.1)
                    .samples(20)
                    .seed(3)
                    .at(x);
            assertThat(again.max()).as("seeded").isEqualTo(moving.max());
            assertThat(again.worst()).isEqualTo(moving.worst());
            assertThatThrownBy(() -> ExplainerAssert.assertThat(
                                    Explain.gradientTimesInput(linear).target(0))
                            .samples(20)
                            .seed(3)
                            .isStableAt(x, 0.1, moving.max() / 2))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith(
                            "The explanation (gradient x input of linear, logit of class 0) is not stable"
                                    + " within radius 0.1: max-sensitivity ")
                    .hasMessageContaining("(noisy copy " + moving.worst() + " of 20;");
        }
    }

    @Test
    void maxSensitivityKeepsTheClassAndClipsToTheRange() {
        try (Model mlp = ExplainNets.softmaxMlp(43)) {
            Tensor x = ExplainNets.uniform(44, 0, 1, 1, 6);
            MaxSensitivity.Result r = MaxSensitivity.of(
                            Explain.integratedGradients(mlp).steps(20))
                    .range(0, 1)
                    .radius(0.05)
                    .at(x);
            assertThat(r.max()).isBetween(0.0, 1.0);
            assertThat(r.toString()).startsWith("max-sensitivity ").contains("integrated gradients of mlp");
            assertThatThrownBy(() -> MaxSensitivity.of(Explain.saliency(mlp)).radius(0))
                    .hasMessage("The radius is a finite number > 0, got 0.0");
        }
    }
}
