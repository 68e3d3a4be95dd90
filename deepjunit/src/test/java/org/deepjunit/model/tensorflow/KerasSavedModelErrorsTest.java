package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.InputShapeException;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.UnknownLayerException;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs to Keras-layout SavedModels are exceptions naming what was expected, and the JVM (and the
 * model) go on working after each; several signature outputs, non-differentiable ops, input scale and
 * the logits/probabilities setting.
 */
class KerasSavedModelErrorsTest {

    static final Tensor X = Mnist.images(0, 2);

    @Test
    void badInputsAreExceptionsWithTheExpectedValuesAndTheModelKeepsWorking() {
        try (TensorFlowModel m = TensorFlowModel.load(KerasFixtureModels.fixture("cnn"))) {
            Tensor good = m.predict(X);
            assertThatThrownBy(() -> m.predict(Tensor.of(new float[2 * 784], 2, 784)))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessageContaining("expected [batch, 28, 28, 1]");
            assertThat(m.predict(X).toFloatArray()).containsExactly(good.toFloatArray());
            assertThatThrownBy(() -> m.predict(Tensor.of(new float[2 * 27 * 28], 2, 27, 28, 1)))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessageContaining("expected [batch, 28, 28, 1]");
            assertThatThrownBy(() -> m.activations(X, List.of("conv2d_9")))
                    .isInstanceOf(UnknownLayerException.class)
                    .hasMessageContaining("conv2d_9")
                    .hasMessageContaining("max_pooling2d_1");
            // float64 given to a float32 model is converted, as everywhere in the adapter
            assertThat(m.predict(X.as(org.deepjunit.model.DataType.FLOAT64)).maxAbsDifference(good))
                    .isLessThan(1e-6);
            assertThat(m.predict(X).toFloatArray()).containsExactly(good.toFloatArray());
        }
        assertThatThrownBy(() -> TensorFlowModel.builder(KerasFixtureModels.fixture("dense"))
                        .signature("predict")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no signature 'predict'")
                .hasMessageContaining("[serving_default]");
        try (TensorFlowModel again = TensorFlowModel.load(KerasFixtureModels.fixture("dense"))) {
            assertThat(again.predict(X).shape().dims()).containsExactly(2, 10);
        }
    }

    @Test
    void severalOutputsArePickedByKeyOrRefusedWithTheKeys(@TempDir Path dir) {
        KerasSavedModelFixtures.write(
                KerasSavedModelFixtures.dense(), dir, KerasSavedModelFixtures.Metadata.NONE, true);
        assertThatThrownBy(() -> TensorFlowModel.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("[dense_1, logits]")
                .hasMessageContaining(".output(key)");
        try (TensorFlowModel p = TensorFlowModel.builder(dir).output("dense_1").build();
                TensorFlowModel l =
                        TensorFlowModel.builder(dir).output("logits").build()) {
            assertThat(p.outputIsProbabilities()).isTrue();
            assertThat(l.outputIsProbabilities()).isFalse();
            // no metadata: names from the op scopes
            assertThat(KerasFixtureModels.names(p.layers())).containsExactly("flatten", "dense", "dense_1");
            Tensor probs = p.predict(X);
            Tensor logits = l.predict(X);
            double d = Math.log(probs.getDouble(0, 1)) - Math.log(probs.getDouble(0, 4));
            assertThat(logits.getDouble(0, 1) - logits.getDouble(0, 4))
                    .isCloseTo(d, org.assertj.core.data.Offset.offset(1e-4));
            Objective o = Objective.builder().logit(0, 1, 1.0).logit(1, 2, -1.0).build();
            assertThat(p.inputGradient(X, o).maxAbsDifference(l.inputGradient(X, o)))
                    .isLessThan(1e-5);
        }
        // said to be probabilities: logit terms use log(output) = logits + a per-sample constant
        try (TensorFlowModel forced = TensorFlowModel.builder(dir)
                .output("logits")
                .outputIsProbabilities(false)
                .build()) {
            assertThat(forced.outputIsProbabilities()).isFalse();
        }
    }

    @Test
    void aWhileLoopGivesActivationsButGradientsAreRefusedNamingTheOp(@TempDir Path dir) {
        KerasSavedModelFixtures.write(
                KerasSavedModelFixtures.looped(), dir, KerasSavedModelFixtures.Metadata.OBJECT_GRAPH, false);
        try (TensorFlowModel m = TensorFlowModel.load(dir)) {
            assertThat(KerasFixtureModels.names(m.layers())).containsExactly("dense", "simple_rnn", "dense_1");
            assertThat(m.layer("simple_rnn").kind()).isEqualTo(org.deepjunit.model.LayerKind.RECURRENT);
            Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 1, 6);
            Tensor h = m.activations(x).layer("dense");
            Tensor r = m.activations(x).layer("simple_rnn");
            for (int i = 0; i < 8; i++) {
                double v = h.getDouble(0, i);
                assertThat(r.getDouble(0, i))
                        .isCloseTo(Math.tanh(Math.tanh(Math.tanh(v))), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThatThrownBy(() -> m.inputGradient(
                            x, Objective.builder().logit(0, 1, 1.0).build()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("'sequential/simple_rnn/while' (StatelessWhile)")
                    .hasMessageContaining("Activations, predictions and coverage still work");
            // a neuron objective on a layer before the loop needs no logits: its gradient works and is right
            Tensor g = m.inputGradient(
                    x, Objective.builder().neuron(0, "dense", 2, 1.0).build());
            double step = 1e-3;
            for (int i = 0; i < 6; i++) {
                float[] plus = x.toFloatArray();
                float[] minus = x.toFloatArray();
                plus[i] += (float) step;
                minus[i] -= (float) step;
                double fd = (m.activations(Tensor.of(plus, 1, 6)).layer("dense").getDouble(0, 2)
                                - m.activations(Tensor.of(minus, 1, 6))
                                        .layer("dense")
                                        .getDouble(0, 2))
                        / (2 * step);
                assertThat(g.getDouble(0, i)).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-3));
            }
            // a neuron objective past the loop is refused naming that layer, not the logits
            assertThatThrownBy(() -> m.inputGradient(
                            x,
                            Objective.builder().neuron(0, "simple_rnn", 0, 1.0).build()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("layer 'simple_rnn'")
                    .hasMessageNotContaining("logits")
                    .hasMessageContaining("StatelessWhile");
            assertThat(m.predict(x).shape().dims()).containsExactly(1, 3);
        }
    }

    @Test
    void inputScaleIsAppliedBeforeFeedingAndChainedIntoGradients() {
        try (TensorFlowModel plain = TensorFlowModel.load(KerasFixtureModels.fixture("dense"));
                TensorFlowModel raw = TensorFlowModel.builder(KerasFixtureModels.fixture("dense"))
                        .inputScale(InputScale.divideBy(255))
                        .build()) {
            float[] v = X.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= 255;
            }
            Tensor x255 = Tensor.of(v, 2, 28, 28, 1);
            assertThat(raw.predict(x255).maxAbsDifference(plain.predict(X))).isLessThan(1e-6);
            Objective o = Objective.builder()
                    .logit(0, 3, 1.0)
                    .neuron(1, "dense", 5, 0.5)
                    .build();
            double[] g = plain.inputGradient(X, o).toDoubleArray();
            double[] g255 = raw.inputGradient(x255, o).toDoubleArray();
            for (int i = 0; i < g.length; i++) {
                assertThat(g255[i] * 255)
                        .isCloseTo(g[i], org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(g[i])));
            }
            assertThat(raw.toString()).contains("InputScale[(x - 0.0) / 255.0]");
        }
        assertThatThrownBy(() -> TensorFlowModel.builder(KerasFixtureModels.fixture("dense"))
                        .inputScale(InputScale.meanStd(new double[] {0.4, 0.5, 0.6}, new double[] {0.2, 0.2, 0.2}))
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("3 channels");
    }
}
