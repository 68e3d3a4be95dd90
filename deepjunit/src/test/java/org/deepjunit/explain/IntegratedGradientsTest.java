package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** Integrated gradients on networks whose answer is known: exact on a linear model, converging on a non-linear one. */
class IntegratedGradientsTest {

    private static final double[][] W = ExplainNets.weights(3, 3, 6);
    private static final double[] B = {0.5, -1.0, 2.0};

    @Test
    void onALinearModelItIsTheInputMinusTheBaselineTimesTheWeightsExactly() {
        try (Model linear = ExplainNets.linear("linear", W, B, 0)) {
            Tensor x = ExplainNets.uniform(1, -2, 2, 1, 6);
            Tensor baseline = ExplainNets.uniform(2, -1, 1, 1, 6);
            for (int steps : new int[] {1, 13, 50}) {
                Attribution a = Explain.integratedGradients(linear)
                        .steps(steps)
                        .baseline(baseline)
                        .target(1)
                        .explain(x);
                assertThat(a.score()).isEqualTo(Score.LOGIT);
                assertThat(a.targetClass()).isEqualTo(1);
                for (int i = 0; i < 6; i++) {
                    double expected = (x.getDouble(i) - baseline.getDouble(i)) * W[1][i];
                    assertThat(a.values().getDouble(i))
                            .as("element %d, %d steps", i, steps)
                            .isCloseTo(expected, within(1e-12));
                }
                assertThat(a.completenessError()).isCloseTo(0, within(1e-12));
                assertThat(a.output() - a.baselineOutput()).isCloseTo(a.sum(), within(1e-12));
            }
        }
    }

    @Test
    void theDefaultBaselineIsZeros() {
        try (Model linear = ExplainNets.linear("linear", W, B, 0)) {
            Tensor x = ExplainNets.uniform(4, -2, 2, 1, 6);
            Attribution ig = Explain.integratedGradients(linear).target(2).explain(x);
            Attribution gxi = Explain.gradientTimesInput(linear).target(2).explain(x);
            assertThat(ig.values().maxAbsDifference(gxi.values())).isLessThan(1e-12);
            assertThat(ig.baselineOutput()).isCloseTo(B[2], within(1e-12));
        }
    }

    @Test
    void theInternalBatchSizeChangesNothing() {
        try (Model mlp = ExplainNets.softmaxMlp(5)) {
            Tensor x = ExplainNets.uniform(6, -1, 1, 1, 6);
            Tensor one = Explain.integratedGradients(mlp)
                    .steps(30)
                    .internalBatchSize(1)
                    .explain(x)
                    .values();
            for (int batch : new int[] {7, 30, 64}) {
                Tensor other = Explain.integratedGradients(mlp)
                        .steps(30)
                        .internalBatchSize(batch)
                        .explain(x)
                        .values();
                assertThat(other.maxAbsDifference(one)).as("batch %d", batch).isLessThan(1e-12);
            }
        }
    }

    @Test
    void completenessErrorFallsWithMoreStepsOnANonLinearModel() {
        try (Model mlp = ExplainNets.softmaxMlp(7)) {
            Tensor x = ExplainNets.uniform(8, -3, 3, 1, 6);
            for (Score score : new Score[] {Score.LOG_PROBABILITY, Score.PROBABILITY}) {
                double coarse = Explain.integratedGradients(mlp)
                        .score(score)
                        .steps(2)
                        .explain(x)
                        .relativeCompletenessError();
                Attribution fine =
                        Explain.integratedGradients(mlp).score(score).steps(400).explain(x);
                System.out.printf(
                        "IG completeness (%s): 2 steps %.3e, 400 steps %.3e%n",
                        score, coarse, fine.relativeCompletenessError());
                assertThat(coarse).as(score + ", 2 steps").isGreaterThan(1e-4);
                assertThat(fine.relativeCompletenessError())
                        .as(score + ", 400 steps")
                        .isLessThan(1e-5)
                        .isLessThan(coarse / 100);
            }
        }
    }

    @Test
    void aBaselineOfTheWrongShapeIsAClearError() {
        try (Model linear = ExplainNets.linear("linear-image", ExplainNets.weights(9, 2, 12), new double[2], 3)) {
            assertThat(linear.inputShape()).isEqualTo(Shape.of(3, 4, 1));
            IntegratedGradients ig = Explain.integratedGradients(linear);
            assertThatThrownBy(
                            () -> ig.baseline(Tensor.zeros(org.deepjunit.model.DataType.FLOAT32, Shape.of(1, 4, 3, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Baseline of shape [1, 4, 3, 1] does not fit model 'linear-image', whose inputs are"
                            + " [3, 4, 1] per sample: give a baseline of shape [1, 3, 4, 1] (or [3, 4, 1])");
            assertThatThrownBy(() -> ig.baseline(Tensor.zeros(org.deepjunit.model.DataType.FLOAT32, Shape.of(12))))
                    .hasMessageContaining("Baseline of shape [12] does not fit");
            double[] nan = new double[12];
            nan[5] = Double.NaN;
            assertThatThrownBy(() -> ig.baseline(Tensor.of(nan, 3, 4, 1)))
                    .hasMessage("Baseline element 5 is NaN: a baseline must be finite");
            assertThatThrownBy(() -> ig.steps(0)).hasMessage("Integrated gradients needs at least 1 step, got 0");
            assertThatThrownBy(() -> ig.internalBatchSize(0)).hasMessage("The internal batch size is >= 1, got 0");
            // a baseline without the batch dimension is accepted
            Attribution a = ig.baseline(Tensor.zeros(org.deepjunit.model.DataType.FLOAT64, Shape.of(3, 4, 1)))
                    .explain(ExplainNets.uniform(3, 0, 1, 1, 3, 4, 1));
            assertThat(a.values().shape()).isEqualTo(Shape.of(1, 3, 4, 1));
        }
    }

    @Test
    void explainersSeeOneInputAtATimeAndRunUnobserved() {
        try (Model mlp = ExplainNets.softmaxMlp(5)) {
            Tensor batch = ExplainNets.uniform(6, -1, 1, 3, 6);
            assertThatThrownBy(() -> Explain.integratedGradients(mlp).explain(batch))
                    .hasMessageContaining("An explainer takes one input [1, ...] at a time, got [3, 6]")
                    .hasMessageContaining("use explainAll");
            int[] passes = {0};
            try (ForwardListeners.Binding ignored = ForwardListeners.bind(e -> passes[0]++)) {
                assertThat(Explain.integratedGradients(mlp).explainAll(batch)).hasSize(3);
                assertThat(Explain.occlusion(mlp).patch(1, 2).explainAll(batch)).hasSize(3);
            }
            assertThat(passes[0]).as("forward passes observed while explaining").isZero();
        }
    }
}
