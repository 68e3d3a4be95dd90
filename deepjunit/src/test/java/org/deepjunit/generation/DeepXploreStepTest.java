package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/**
 * One step of DeepXplore's search on hand-set linear models, whose objective gradient is known by
 * hand: the direction of the step (pushed model's logit down, the others' up) and its size.
 */
class DeepXploreStepTest {

    /**
     * logits = A·x + b over 3 inputs, 2 classes; class 1's row is 0 and b = (5, 0), so every model
     * predicts class 0 near x = (0.5, 0.5, 0.5). One counted layer, "logits" (the output itself).
     */
    static final class Linear extends ObservedModel {
        private final String name;
        private final double[] row0;

        Linear(String name, double... row0) {
            this.name = name;
            this.row0 = row0;
        }

        double logit0(double[] x) {
            double v = 5;
            for (int i = 0; i < 3; i++) {
                v += row0[i] * x[i];
            }
            return v;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Shape inputShape() {
            return Shape.of(3);
        }

        @Override
        public Shape outputShape() {
            return Shape.of(2);
        }

        @Override
        public DataType dataType() {
            return DataType.FLOAT64;
        }

        @Override
        public List<Layer> layers() {
            return List.of(
                    new Layer("input", LayerKind.INPUT, Shape.of(3)),
                    new Layer("logits", LayerKind.DENSE, Shape.of(2)));
        }

        @Override
        protected Tensor computePredict(Tensor inputs) {
            int n = inputs.batchSize();
            double[] x = inputs.toDoubleArray();
            double[] out = new double[n * 2];
            for (int s = 0; s < n; s++) {
                double[] xs = {x[s * 3], x[s * 3 + 1], x[s * 3 + 2]};
                out[s * 2] = logit0(xs);
                out[s * 2 + 1] = 0;
            }
            return Tensor.of(out, n, 2);
        }

        @Override
        protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
            Tensor out = computePredict(inputs);
            Map<String, Tensor> all = new LinkedHashMap<>();
            for (String l : layerNames) {
                switch (l) {
                    case "input" -> all.put(l, inputs);
                    case "logits" -> all.put(l, out);
                    default -> layer(l);
                }
            }
            return new Activations(all, out);
        }

        /** d logit_0 / dx = row0, d logit_1 / dx = 0; the "logits" layer is the output itself. */
        @Override
        protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
            int n = inputs.batchSize();
            double[] g = new double[n * 3];
            for (Objective.Term t : objective.terms()) {
                if (t.unit() != 0) {
                    continue;
                }
                for (int s = 0; s < n; s++) {
                    if (t.appliesTo(s)) {
                        for (int i = 0; i < 3; i++) {
                            g[s * 3 + i] += t.weight() * row0[i];
                        }
                    }
                }
            }
            return Tensor.of(g, n, 3);
        }

        @Override
        public void close() {}
    }

    @Test
    void oneStepLowersThePushedModelsScoreAndRaisesTheOthersByTheHandComputedAmounts() {
        // Class-0 rows: P = (1, 0, 0) (pushed), Q = (0, 1, 0), R = (0, 1, 1). λ1 = 2, λ2 = 0, s = 0.1.
        // g = ∇(F_Q[0] + F_R[0] − 2·F_P[0]) = (0,1,0) + (0,1,1) − 2·(1,0,0) = (−2, 2, 1).
        // mean(g²) = (4 + 4 + 1) / 3 = 3, so g is divided by √3 + 1e-5 = 1.7320608.
        // Δx = 0.1·(−2, 2, 1) / 1.7320608 = (−0.1154694, 0.1154694, 0.0577347) (no clipping in [-10, 10]).
        // ΔF_P[0] = Δx0 = −0.1154694; ΔF_Q[0] = Δx1 = +0.1154694; ΔF_R[0] = Δx1 + Δx2 = +0.1732041.
        Linear p = new Linear("P", 1, 0, 0);
        Linear q = new Linear("Q", 0, 1, 0);
        Linear r = new Linear("R", 0, 1, 1);
        DeepXplore search = new DeepXplore(
                List.of(p, q, r), new DeepXplore.Settings(2, 0, 0.1, 0, 1, Constraints.none(), -10, 10, "P"));
        double[] seed = {0.5, 0.5, 0.5};
        List<DeepXplore.Outcome> outcomes = search.search(Tensor.of(seed, 1, 3), new int[] {0}, null, 7);

        assertThat(outcomes).hasSize(1);
        DeepXplore.Outcome o = outcomes.get(0);
        assertThat(o.status()).isEqualTo(DeepXplore.Status.NOT_FOUND); // class 0 keeps a margin of ~5
        double[] x1 = o.candidate().input().toDoubleArray();
        assertThat(p.logit0(x1) - p.logit0(seed))
                .as("change of pushed model P's class-0 logit")
                .isCloseTo(-0.1154694, within(1e-5));
        assertThat(q.logit0(x1) - q.logit0(seed))
                .as("change of Q's class-0 logit")
                .isCloseTo(0.1154694, within(1e-5));
        assertThat(r.logit0(x1) - r.logit0(seed))
                .as("change of R's class-0 logit")
                .isCloseTo(0.1732041, within(1e-5));
        assertThat(x1[0]).isCloseTo(0.5 - 0.1154694, within(1e-5));
        assertThat(x1[1]).isCloseTo(0.5 + 0.1154694, within(1e-5));
        assertThat(x1[2]).isCloseTo(0.5 + 0.0577347, within(1e-5));
        assertThat(o.candidate().parameters()).containsEntry("pushed", "P");
    }

    @Test
    void modelsOfTheSameNameAreRefusedSincePredictionsAreKeyedByName() {
        Linear p = new Linear("P", 1, 0, 0);
        Linear twin = new Linear("P", 0, 1, 0);
        DeepXplore.Settings settings = new DeepXplore.Settings(1, 0, 0.1, 0, 1, Constraints.none(), -10, 10, null);
        assertThatThrownBy(() -> new DeepXplore(List.of(p, twin), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DeepXplore needs one distinct name per model, got [P, P]: name the models (e.g. "
                        + "Dl4jModel.builder(network).name(\"v2\"))");
    }
}
