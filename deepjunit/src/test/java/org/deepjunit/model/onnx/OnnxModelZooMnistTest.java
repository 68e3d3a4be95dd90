package org.deepjunit.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Model Zoo's MNIST model (a CNTK export: NCHW input, batch fixed at 1 inside a Reshape) against the
 * reference outputs the zoo ships with it.
 */
class OnnxModelZooMnistTest {

    static Path dir() {
        try {
            return Path.of(
                    OnnxModelZooMnistTest.class.getResource("/onnx-mnist").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OnnxModel mnist;
    private static OnnxTestData data;

    @BeforeAll
    static void load() {
        mnist = OnnxModel.load(dir().resolve("mnist-8.onnx"));
        data = OnnxTestData.read(dir());
    }

    @AfterAll
    static void close() {
        mnist.close();
    }

    @Test
    void reproducesTheThreeReferenceOutputsWithin1e5Relative() {
        assertThat(data.size()).isEqualTo(3);
        Tensor actual = mnist.predict(data.inputs(mnist));
        Tensor expected = data.outputs(mnist);
        assertThat(actual.shape()).isEqualTo(Shape.of(3, 10));
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            assertThat(actual.getDouble(i))
                    .as("output %d", i)
                    .isCloseTo(e, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(e))));
        }
        assertThat(actual.argMax()).containsExactly(expected.argMax());
    }

    @Test
    void interfaceIsChannelsLastAndLayersAreFoundByOpType() {
        assertThat(mnist.inputShape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(mnist.outputShape()).isEqualTo(Shape.of(10));
        assertThat(mnist.layers())
                .extracting(l -> l.kind())
                .containsExactly(
                        LayerKind.CONVOLUTION,
                        LayerKind.POOLING,
                        LayerKind.CONVOLUTION,
                        LayerKind.POOLING,
                        LayerKind.DENSE);
        assertThat(mnist.layers())
                .extracting(l -> l.outputShape())
                .containsExactly(
                        Shape.of(28, 28, 8),
                        Shape.of(14, 14, 8),
                        Shape.of(14, 14, 16),
                        Shape.of(4, 4, 16),
                        Shape.of(10));
    }

    @Test
    void aFixedBatchModelRunsLargerBatchesSampleBySample() {
        Tensor three = data.inputs(mnist);
        Tensor each = Tensor.concat(
                mnist.predict(three.sample(0)), mnist.predict(three.sample(1)), mnist.predict(three.sample(2)));
        assertThat(mnist.predict(three)).isEqualTo(each);
        assertThat(mnist.activations(three).layer(mnist.layers().get(0).name()).shape())
                .isEqualTo(Shape.of(3, 28, 28, 8));
    }

    @Test
    void theRecordedReferenceAnswersItsOwnInputsOnly() {
        Model reference = data.reference(mnist);
        assertThat(reference.predict(data.inputs(mnist))).isEqualTo(data.outputs(mnist));
        Tensor other = Tensor.zeros(mnist.dataType(), Shape.of(1, 28, 28, 1));
        assertThatThrownBy(() -> reference.predict(other))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is not one of the 3 inputs recorded");
    }

    @Test
    void gradientsWithoutADeclaredSourceAreRefusedSayingHowToDeclareOne() {
        assertThatThrownBy(() -> mnist.inputGradient(
                        data.inputs(mnist),
                        org.deepjunit.model.Objective.builder().logit(0, 1).build()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("gradientsFrom(twin)")
                .hasMessageContaining("estimatedGradients");
    }
}
