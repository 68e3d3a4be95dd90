package org.deepjunit.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.SmallNetsAccess;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FGSM and PGD against steps worked out by hand on {@link LinearNets}, and the loss gradient against differences. */
class WhiteBoxAttackTest {

    private static final Tensor X = Tensor.of(new double[] {0.5, 0.5}, 1, 2);
    private static final int[] LABEL_0 = {0};

    /** Sign of the gradient [−1, −1]: x' = x − ε; the logits model's gradient has the same sign. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fgsmStepsAlongTheSignOfTheLossGradient(boolean softmax) {
        try (Model m = LinearNets.linear(softmax)) {
            assertThat(Attacks.fgsm(0.1).apply(m, X, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0.4, 0.4}, within(1e-12));
            // at the range's edge the step is clipped: 0.05 − 0.1 → 0
            Tensor edge = Tensor.of(new double[] {0.05, 0.95}, 1, 2);
            assertThat(Attacks.fgsm(0.1).apply(m, edge, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0, 0.85}, within(1e-12));
            // label 1: p − onehot(1) = [p₀, −p₀], the gradient's sign flips to [+1, +1]
            assertThat(Attacks.fgsm(0.1).apply(m, X, new int[] {1}).toDoubleArray())
                    .containsExactly(new double[] {0.6, 0.6}, within(1e-12));
        }
    }

    /**
     * A pipeline is attacked in its raw input space: scaling raw pixels by 1/255 before the linear net, FGSM with
     * ε = 25.5 over [0, 255] moves each raw value by 25.5 along the same signs as ε = 0.1 on the scaled inputs.
     */
    @Test
    void pipelinesAreAttackedInTheirRawInputSpace() {
        try (TensorPipeline p = TensorPipeline.builder("scaled", Shape.of(2))
                .then(Tensors.scale(1 / 255.0))
                .model(LinearNets.linear(false))
                .then(Outputs.softmax())
                .build()) {
            Tensor raw = Tensor.of(new double[] {127.5, 127.5}, 1, 2);
            assertThat(Attacks.fgsm(25.5).range(0, 255).apply(p, raw, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {102, 102}, within(1e-9));
            Pgd pgd = Attacks.pgd(Norm.LINF, 12.75)
                    .range(0, 255)
                    .randomStart(false)
                    .steps(2)
                    .stepSize(7.65);
            assertThat(pgd.apply(p, raw, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {114.75, 114.75}, within(1e-9));
        }
    }

    /** Two steps of 0.03 from 0.5 reach 0.44, projected onto the ball of 0.05: 0.45. */
    @Test
    void pgdLinfStepsThenProjectsOntoTheBall() {
        try (Model m = LinearNets.linear(true)) {
            Pgd pgd = Attacks.pgd(Norm.LINF, 0.05).randomStart(false).steps(2).stepSize(0.03);
            assertThat(pgd.apply(m, X, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0.45, 0.45}, within(1e-12));
            Pgd one = pgd.steps(1);
            assertThat(one.apply(m, X, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0.47, 0.47}, within(1e-12));
        }
    }

    /**
     * The gradient's direction is −[2, 1.5]/2.5 = [−0.8, −0.6]: two steps of 0.03 give δ = [−0.048, −0.036], of
     * length 0.06, scaled onto the ball of 0.05: δ = [−0.04, −0.03].
     */
    @Test
    void pgdL2StepsAlongTheNormalisedGradientThenProjects() {
        try (Model m = LinearNets.linear(true)) {
            Pgd pgd = Attacks.pgd(Norm.L2, 0.05).randomStart(false).steps(2).stepSize(0.03);
            assertThat(pgd.apply(m, X, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0.46, 0.47}, within(1e-12));
            assertThat(pgd.steps(1).apply(m, X, LABEL_0).toDoubleArray())
                    .containsExactly(new double[] {0.476, 0.482}, within(1e-12));
        }
    }

    /** Random starts and restarts never leave the ball or the range, and the seed fixes them. */
    @ParameterizedTest
    @ValueSource(strings = {"LINF", "L2"})
    void randomStartsStayInTheBallAndRange(Norm norm) {
        try (Model m = SmallNetsAccess.mlp(11)) {
            Tensor x = SmallNetsAccess.unitInputs(5, 40);
            int[] labels = m.predict(x).argMax();
            Pgd pgd = Attacks.pgd(norm, 0.3).steps(3).restarts(3).seed(9);
            Tensor adv = pgd.apply(m, x, labels);
            double[] a = adv.toDoubleArray();
            double[] c = x.toDoubleArray();
            for (int i = 0; i < 40; i++) {
                double squares = 0;
                for (int j = i * 4; j < i * 4 + 4; j++) {
                    assertThat(a[j]).isBetween(0.0, 1.0);
                    if (norm == Norm.LINF) {
                        assertThat(Math.abs(a[j] - c[j])).isLessThanOrEqualTo(0.3 + 1e-12);
                    }
                    squares += (a[j] - c[j]) * (a[j] - c[j]);
                }
                if (norm == Norm.L2) {
                    assertThat(Math.sqrt(squares)).isLessThanOrEqualTo(0.3 + 1e-12);
                }
            }
            assertThat(pgd.apply(m, x, labels).toDoubleArray()).containsExactly(a);
            assertThat(pgd.seed(10).apply(m, x, labels).toDoubleArray()).isNotEqualTo(a);
        }
    }

    /** The cross-entropy's input gradient against central differences of −log p_y on a small tanh MLP. */
    @Test
    void lossGradientMatchesFiniteDifferences() {
        try (Model m = SmallNetsAccess.mlp(3)) {
            Tensor x = SmallNetsAccess.unitInputs(4, 6);
            int[] labels = {0, 1, 2, 0, 1, 2};
            Batch batch = Batch.of(x, labels, 0, 1, "test");
            double[] g = LossGradient.of(m, batch, batch.x());
            double h = 1e-6;
            for (int j = 0; j < g.length; j++) {
                double[] up = batch.x().clone();
                double[] down = batch.x().clone();
                up[j] += h;
                down[j] -= h;
                int i = j / 4;
                double numeric = (loss(m, up, labels, i) - loss(m, down, labels, i)) / (2 * h);
                assertThat(g[j]).as("element %d", j).isCloseTo(numeric, within(1e-6));
            }
        }
    }

    private static double loss(Model m, double[] x, int[] labels, int sample) {
        Tensor out = m.predict(Tensor.of(x, labels.length, 4));
        return -Math.log(out.getDouble(sample, labels[sample]));
    }

    @Test
    void badEpsilonsRangesInputsAndLabelsAreClearErrors() {
        assertThatThrownBy(() -> Attacks.fgsm(0)).hasMessageContaining("ε = 0.0 is not a radius");
        assertThatThrownBy(() -> Attacks.pgd(Norm.L2, Double.NaN)).hasMessageContaining("ε = NaN");
        assertThatThrownBy(() -> Attacks.square(0.1).range(1, 0)).hasMessageContaining("finite min < max");
        assertThatThrownBy(() -> Attacks.pgd(Norm.LINF, 0.1).steps(0)).hasMessageContaining("at least one step");
        try (Model m = LinearNets.linear(true)) {
            assertThatThrownBy(() -> Attacks.fgsm(1.5).apply(m, X, LABEL_0))
                    .hasMessageContaining(
                            "ε = 1.5 is outside (0, 1.0]: it must be at most the width of the valid range");
            Tensor raw = Tensor.of(new double[] {0.5, 255}, 1, 2);
            assertThatThrownBy(() -> Attacks.fgsm(0.1).apply(m, raw, LABEL_0))
                    .hasMessageContaining(
                            "input value 255.0 (sample 0, element 1) is outside the valid range [0.0, 1.0]")
                    .hasMessageContaining(".range(min, max)");
            assertThatThrownBy(() -> Attacks.fgsm(0.1).apply(m, X, new int[] {0, 1}))
                    .hasMessageContaining("2 labels for 1 samples");
            assertThatThrownBy(() -> Attacks.fgsm(0.1).apply(m, X, new int[] {7}))
                    .hasMessageContaining("Label 7 of sample 0 is not one of the model's 2 classes");
        }
    }
}
