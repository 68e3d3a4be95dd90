package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2-3-2 network whose every value is worked out by hand below. */
class TensorFlowModelHandTest {

    // W1 [in=2, out=3] row-major, b1; W2 [3, 2], b2.
    static final double[] W1 = {1, -1, 0.5, /* row 2 */ 0.5, 1, -2};
    static final double[] B1 = {0.1, -2, 0};
    static final double[] W2 = {1, 2, /* */ 3, 4, /* */ 5, 6};
    static final double[] B2 = {0, -1};

    // x0 = (1, 2): pre = (1+1, -1+2, 0.5-4) + b1 = (2.1, -1, -3.5) -> relu (2.1, 0, 0)
    //   logits = 2.1 * (1, 2) + b2 = (2.1, 3.2); softmax = (1/(1+e^1.1), 1/(1+e^-1.1))
    // x1 = (0, 0): pre = b1 = (0.1, -2, 0) -> relu (0.1, 0, 0); logits = (0.1, 0.2 - 1) = (0.1, -0.8)
    static final double[] X = {1, 2, 0, 0};

    private static TfFixtures.Exported export(Path dir, DataType type) {
        return TfFixtures.mlp(
                type, new int[] {2, 3, 2}, new double[][] {W1, W2}, new double[][] {B1, B2}, dir.resolve("hand"));
    }

    @Test
    void forwardValuesAndHiddenActivationsMatchHandComputation(@TempDir Path dir) {
        export(dir, DataType.FLOAT64);
        try (TensorFlowModel m = TensorFlowModel.builder(dir.resolve("hand"))
                .layer("hidden", "dense/Relu")
                .layer("logits", "dense_1/BiasAdd:0")
                .name("hand")
                .build()) {
            assertThat(m.name()).isEqualTo("hand");
            assertThat(m.inputShape()).isEqualTo(Shape.of(2));
            assertThat(m.outputShape()).isEqualTo(Shape.of(2));
            assertThat(m.dataType()).isEqualTo(DataType.FLOAT64);
            assertThat(m.layers())
                    .containsExactly(
                            new Layer("hidden", LayerKind.DENSE, Shape.of(3)),
                            new Layer("logits", LayerKind.DENSE, Shape.of(2)));

            Tensor p = m.predict(Tensor.of(X, 2, 2));
            assertThat(p.shape()).isEqualTo(Shape.of(2, 2));
            assertThat(p.getDouble(0, 0)).isCloseTo(1 / (1 + Math.exp(1.1)), within(1e-12));
            assertThat(p.getDouble(0, 1)).isCloseTo(1 / (1 + Math.exp(-1.1)), within(1e-12));
            assertThat(p.getDouble(1, 0)).isCloseTo(1 / (1 + Math.exp(-0.9)), within(1e-12));

            Activations a = m.activations(Tensor.of(X, 2, 2));
            assertThat(a.layerNames()).containsExactly("hidden", "logits");
            assertThat(a.layer("hidden").toDoubleArray())
                    .containsExactly(new double[] {2.1, 0, 0, 0.1, 0, 0}, within(1e-12));
            assertThat(a.layer("logits").toDoubleArray())
                    .containsExactly(new double[] {2.1, 3.2, 0.1, -0.8}, within(1e-12));
            assertThat(a.output()).isEqualTo(p);

            // d logit0 / dx at x0: only hidden unit 0 is active: W2[0,0] * W1[:,0] = (1, 0.5)
            // d hidden0 / dx = W1[:,0] = (1, 0.5) for both samples (both have unit 0 active)
            Tensor g = m.inputGradient(
                    Tensor.of(X, 2, 2),
                    Objective.builder()
                            .logit(0, 0, 1.0)
                            .neuron(1, "hidden", 0, 2.0)
                            .neuron(1, "hidden", 1, 5.0) // inactive ReLU: contributes nothing
                            .build());
            assertThat(g.toDoubleArray()).containsExactly(new double[] {1, 0.5, 2, 1}, within(1e-12));
            // d logit1/dx for every sample = W2[0,1] * W1[:,0] = (2, 1)
            Tensor g2 = m.inputGradient(
                    Tensor.of(X, 2, 2), Objective.builder().logit(1, 1.0).build());
            assertThat(g2.toDoubleArray()).containsExactly(new double[] {2, 1, 2, 1}, within(1e-12));
        }
    }

    @Test
    void float32ModelAcceptsFloat64InputsAndFindsLayersItself(@TempDir Path dir) {
        export(dir, DataType.FLOAT32);
        try (TensorFlowModel m = TensorFlowModel.load(dir.resolve("hand"))) {
            assertThat(m.name()).isEqualTo("hand");
            assertThat(m.dataType()).isEqualTo(DataType.FLOAT32);
            assertThat(m.layers())
                    .containsExactly(
                            new Layer("dense/Relu", LayerKind.DENSE, Shape.of(3)),
                            new Layer("dense_1/Softmax", LayerKind.DENSE, Shape.of(2)));
            Tensor p = m.predict(Tensor.of(X, 2, 2)); // FLOAT64 input, converted
            assertThat(p.dataType()).isEqualTo(DataType.FLOAT32);
            assertThat(p.getDouble(1, 1)).isCloseTo(1 / (1 + Math.exp(0.9)), within(1e-6));
            assertThat(m.activations(Tensor.of(X, 2, 2), List.of("dense/Relu"))
                            .layer("dense/Relu")
                            .toDoubleArray())
                    .containsExactly(new double[] {2.1, 0, 0, 0.1, 0, 0}, within(1e-6));
            // every layer, the output layer included (fetched once), and a layer asked for twice
            Activations all = m.activations(Tensor.of(X, 2, 2));
            assertThat(all.layerNames()).containsExactly("dense/Relu", "dense_1/Softmax");
            assertThat(all.layer("dense_1/Softmax")).isEqualTo(p);
            assertThat(m.activations(Tensor.of(X, 2, 2), List.of("dense/Relu", "dense/Relu"))
                            .layerNames())
                    .containsExactly("dense/Relu");
        }
    }
}
