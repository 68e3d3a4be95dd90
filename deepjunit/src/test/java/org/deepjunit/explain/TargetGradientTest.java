package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradient every explainer takes is the gradient of the very function whose values it reads: checked against
 * central finite differences of {@code F} read from {@code predict}, for each score.
 */
class TargetGradientTest {

    /** ∂F/∂x by the explainer (signed saliency) against central differences, element by element. */
    private static double relativeError(Model model, Tensor x, Score score, int c, double h) {
        Attribution g =
                Explain.saliency(model).absolute(false).score(score).target(c).explain(x);
        TargetFunction f = TargetFunction.resolve(model, model.predict(x), score, c);
        double[] v = x.toDoubleArray();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd =
                    (f.values(Tensor.wrap(plus, x.shape()))[0] - f.values(Tensor.wrap(minus, x.shape()))[0]) / (2 * h);
            diff += Math.pow(fd - g.values().getDouble(i), 2);
            norm += fd * fd;
        }
        assertThat(norm).as("gradient must not vanish").isGreaterThan(1e-8);
        return Math.sqrt(diff / norm);
    }

    @Test
    void everyScoreOfASoftmaxModelMatchesFiniteDifferences() {
        try (Model mlp = ExplainNets.softmaxMlp(11)) {
            Tensor x = ExplainNets.uniform(12, -2, 2, 1, 6);
            for (Score score : new Score[] {Score.AUTO, Score.LOG_PROBABILITY, Score.PROBABILITY}) {
                for (int c = 0; c < 4; c++) {
                    assertThat(relativeError(mlp, x, score, c, 1e-6))
                            .as(score + " class " + c)
                            .isLessThan(1e-6);
                }
            }
            assertThatThrownBy(() -> Explain.saliency(mlp).score(Score.LOGIT).explain(x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Score LOGIT needs a model that outputs its logits, but model 'mlp' outputs"
                            + " probabilities");
            assertThatThrownBy(() -> Explain.saliency(mlp).explain(x, 4))
                    .hasMessage("Target class 4 is not a class of model 'mlp', which has 4 (0 to 3)");
        }
    }

    @Test
    void everyScoreOfALogitModelMatchesFiniteDifferences() {
        double[][] w = ExplainNets.weights(13, 3, 5);
        try (Model linear = ExplainNets.linear("linear", w, new double[] {0.1, 0.2, -0.3}, 0)) {
            Tensor x = ExplainNets.uniform(14, -1, 1, 1, 5);
            for (Score score : new Score[] {Score.AUTO, Score.LOGIT, Score.LOG_PROBABILITY, Score.PROBABILITY}) {
                assertThat(relativeError(linear, x, score, 2, 1e-6))
                        .as(score.toString())
                        .isLessThan(1e-6);
            }
            // the logit's gradient is the class's weight row
            Attribution g = Explain.saliency(linear).absolute(false).target(0).explain(x);
            assertThat(g.score()).isEqualTo(Score.LOGIT);
            for (int i = 0; i < 5; i++) {
                assertThat(g.values().getDouble(i)).isCloseTo(w[0][i], org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    /**
     * LeNet-5 in float32, at MNIST images with noise of 0.01 (max-pool ties on the black background otherwise decide
     * the gradient, STACK.md): directional derivatives along the gradient and along random directions.
     */
    @Test
    void lenet5LogProbabilityGradientMatchesDirectionalDifferences(@TempDir Path dir) {
        try (Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            Random random = new Random(17);
            for (int image = 0; image < 3; image++) {
                double[] v = Mnist.images(image, image + 1).toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += 0.01 * random.nextGaussian();
                }
                Tensor x = Tensor.wrap(v, Shape.of(1, 28, 28, 1));
                int runnerUp = secondBest(tf.predict(x));
                Attribution g =
                        Explain.saliency(tf).absolute(false).target(runnerUp).explain(x);
                TargetFunction f = TargetFunction.resolve(tf, tf.predict(x), Score.AUTO, runnerUp);
                double[] grad = g.values().toDoubleArray();
                for (int d = 0; d < 4; d++) {
                    double[] dir0 = new double[v.length];
                    double len = 0;
                    for (int i = 0; i < v.length; i++) {
                        dir0[i] = d == 0 ? grad[i] : random.nextGaussian();
                        len += dir0[i] * dir0[i];
                    }
                    len = Math.sqrt(len);
                    double h = 1e-3;
                    double[] plus = new double[v.length];
                    double[] minus = new double[v.length];
                    double analytic = 0;
                    for (int i = 0; i < v.length; i++) {
                        dir0[i] /= len;
                        plus[i] = v[i] + h * dir0[i];
                        minus[i] = v[i] - h * dir0[i];
                        analytic += grad[i] * dir0[i];
                    }
                    double fd = (f.values(Tensor.wrap(plus, x.shape()).as(DataType.FLOAT32))[0]
                                    - f.values(Tensor.wrap(minus, x.shape()).as(DataType.FLOAT32))[0])
                            / (2 * h);
                    double scale = Math.max(Math.abs(analytic), d == 0 ? 0 : g.norm() * 0.05);
                    assertThat(Math.abs(fd - analytic) / scale)
                            .as("image %d, direction %d: analytic %.5f, finite difference %.5f", image, d, analytic, fd)
                            .isLessThan(0.05);
                }
            }
        }
    }

    private static int secondBest(Tensor output) {
        int best = output.argMax()[0];
        int second = best == 0 ? 1 : 0;
        for (int j = 0; j < output.size(); j++) {
            if (j != best && output.getDouble(j) > output.getDouble(second)) {
                second = j;
            }
        }
        return second;
    }
}
