package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** Saliency, gradient × input and SmoothGrad against what they must give on hand-set networks. */
class GradientMethodsTest {

    private static final double[][] W = ExplainNets.weights(21, 3, 6);
    private static final double[] B = {1.0, 0.0, -1.0};

    @Test
    void saliencyOfALinearModelIsTheAbsoluteWeights() {
        try (Model linear = ExplainNets.linear("linear", W, B, 0)) {
            Tensor x = ExplainNets.uniform(22, -1, 1, 1, 6);
            Attribution abs = Explain.saliency(linear).target(1).explain(x);
            Attribution signed = Explain.saliency(linear).absolute(false).explain(x, 1);
            assertThat(abs.method()).isEqualTo("saliency");
            assertThat(signed.method()).isEqualTo("gradient");
            for (int i = 0; i < 6; i++) {
                assertThat(abs.values().getDouble(i)).isCloseTo(Math.abs(W[1][i]), within(1e-12));
                assertThat(signed.values().getDouble(i)).isCloseTo(W[1][i], within(1e-12));
            }
            assertThat(abs.completenessError())
                    .as("no completeness without a baseline")
                    .isNaN();
        }
    }

    @Test
    void gradientTimesInputOfALinearModelIsEachFeaturesContribution() {
        try (Model linear = ExplainNets.linear("linear", W, B, 0)) {
            Tensor x = ExplainNets.uniform(23, -1, 1, 1, 6);
            Attribution a = Explain.gradientTimesInput(linear).target(2).explain(x);
            double logit = B[2];
            for (int i = 0; i < 6; i++) {
                assertThat(a.values().getDouble(i)).isCloseTo(W[2][i] * x.getDouble(i), within(1e-12));
                logit += W[2][i] * x.getDouble(i);
            }
            assertThat(a.output()).isCloseTo(logit, within(1e-12));
            assertThat(a.sum()).isCloseTo(logit - B[2], within(1e-12));
        }
    }

    @Test
    void theDefaultTargetIsThePredictedClassOfEachInput() {
        try (Model mlp = ExplainNets.softmaxMlp(24)) {
            Tensor batch = ExplainNets.uniform(25, -3, 3, 8, 6);
            int[] predicted = mlp.predict(batch).argMax();
            List<Attribution> all = Explain.saliency(mlp).explainAll(batch);
            for (int i = 0; i < 8; i++) {
                assertThat(all.get(i).targetClass()).isEqualTo(predicted[i]);
                assertThat(all.get(i).score()).isEqualTo(Score.LOG_PROBABILITY);
            }
            assertThat(Explain.saliency(mlp).target(3).explainAll(batch))
                    .allSatisfy(a -> assertThat(a.targetClass()).isEqualTo(3));
        }
    }

    @Test
    void smoothGradOfALinearModelIsItsGradientWhateverTheNoise() {
        try (Model linear = ExplainNets.linear("linear", W, B, 0)) {
            Tensor x = ExplainNets.uniform(26, -1, 1, 1, 6);
            Attribution a =
                    Explain.smoothGrad(linear).samples(7).noise(0.5).target(0).explain(x);
            for (int i = 0; i < 6; i++) {
                assertThat(a.values().getDouble(i)).isCloseTo(W[0][i], within(1e-12));
            }
        }
    }

    @Test
    void smoothGradIsTheMeanGradientOverItsSeededNoisyCopies() {
        try (Model mlp = ExplainNets.softmaxMlp(27)) {
            Tensor x = ExplainNets.uniform(28, -1, 1, 1, 6);
            SmoothGrad sg = Explain.smoothGrad(mlp)
                    .samples(9)
                    .noise(0.2)
                    .seed(5)
                    .target(1)
                    .internalBatchSize(4);
            Attribution a = sg.explain(x);

            // the same copies, made one by one, and their gradients averaged
            Batches.Points points = sg.noisy(x);
            double[] mean = new double[6];
            double[] copy = new double[6];
            for (int k = 0; k < 9; k++) {
                points.write(k, copy, 0);
                Tensor g = Explain.saliency(mlp)
                        .absolute(false)
                        .target(1)
                        .explain(Tensor.of(copy, 1, 6))
                        .values();
                for (int i = 0; i < 6; i++) {
                    mean[i] += g.getDouble(i) / 9;
                }
            }
            for (int i = 0; i < 6; i++) {
                assertThat(a.values().getDouble(i)).isCloseTo(mean[i], within(1e-12));
            }
            Tensor plain =
                    Explain.saliency(mlp).absolute(false).target(1).explain(x).values();
            assertThat(a.values().maxAbsDifference(plain))
                    .as("the noise changes the gradient")
                    .isGreaterThan(1e-4);
            assertThat(Explain.smoothGrad(mlp)
                            .noise(0)
                            .samples(3)
                            .target(1)
                            .explain(x)
                            .values()
                            .maxAbsDifference(plain))
                    .as("no noise: the plain gradient")
                    .isLessThan(1e-12);
            assertThat(sg.explain(x).values())
                    .as("the same seed, the same noise")
                    .isEqualTo(a.values());
            assertThat(Explain.smoothGrad(mlp)
                            .samples(9)
                            .noise(0.2)
                            .seed(6)
                            .target(1)
                            .explain(x)
                            .values())
                    .isNotEqualTo(a.values());
            assertThat(sg.internalBatchSize(9).explain(x).values().maxAbsDifference(a.values()))
                    .as("copy k is the same whatever the batch")
                    .isLessThan(1e-12);
        }
    }

    @Test
    void settingsAreCheckedWhenMade() {
        try (Model mlp = ExplainNets.softmaxMlp(29)) {
            assertThatThrownBy(() -> Explain.smoothGrad(mlp).samples(0))
                    .hasMessage("SmoothGrad needs at least 1 sample, got 0");
            assertThatThrownBy(() -> Explain.smoothGrad(mlp).noise(-0.1))
                    .hasMessage("The noise level is a finite fraction >= 0, got -0.1");
            assertThatThrownBy(() -> Explain.smoothGrad(mlp).range(1, 1))
                    .hasMessage("A range needs finite min < max, got [1.0, 1.0]");
            assertThatThrownBy(() -> Explain.saliency(mlp).target(-1)).hasMessage("A target class is >= 0, got -1");
            assertThatThrownBy(() -> Explain.saliency(mlp)
                            .explain(Tensor.zeros(org.deepjunit.model.DataType.FLOAT64, Shape.of(1, 5))))
                    .isInstanceOf(org.deepjunit.model.InputShapeException.class);
        }
    }
}
