package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared checks, against a model that only describes itself (checks never run it). */
class ModelChecksTest {

    private final Model model = new Model() {
        @Override
        public String name() {
            return "described";
        }

        @Override
        public Shape inputShape() {
            return Shape.of(28, 28, 1);
        }

        @Override
        public Shape outputShape() {
            return Shape.of(10);
        }

        @Override
        public DataType dataType() {
            return DataType.FLOAT32;
        }

        @Override
        public List<Layer> layers() {
            return List.of(
                    new Layer("conv1", LayerKind.CONVOLUTION, Shape.of(28, 28, 4)),
                    new Layer("fc1", LayerKind.DENSE, Shape.of(10)));
        }

        @Override
        public Tensor predict(Tensor inputs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Activations activations(Tensor inputs, Collection<String> layerNames) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tensor inputGradient(Tensor inputs, Objective objective) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    };

    @Test
    void acceptsABatchOfTheInputShape() {
        assertThatCode(() -> ModelChecks.checkInput(model, Tensor.zeros(DataType.FLOAT32, Shape.of(3, 28, 28, 1))))
                .doesNotThrowAnyException();
    }

    @Test
    void wrongRankSaysToAddTheBatchDimension() {
        assertThatThrownBy(() -> ModelChecks.checkInput(model, Tensor.zeros(DataType.FLOAT32, Shape.of(28, 28, 1))))
                .isInstanceOf(InputShapeException.class)
                .hasMessage("Input of shape [28, 28, 1] does not fit model 'described': expected [batch, 28, 28, 1]"
                        + " (add the batch dimension first)");
    }

    @Test
    void noBatchHintWhenABatchDimensionWouldNotHelp() {
        assertThatThrownBy(() -> ModelChecks.checkInput(model, Tensor.zeros(DataType.FLOAT32, Shape.of(28, 27, 1))))
                .isInstanceOf(InputShapeException.class)
                .hasMessage("Input of shape [28, 27, 1] does not fit model 'described': expected [batch, 28, 28, 1]");
    }

    @Test
    void aNaNIsPlacedInItsSample() {
        float[] values = new float[2 * 28 * 28];
        values[784 + 783] = Float.NaN; // sample 1, its last element
        assertThatThrownBy(() -> ModelChecks.checkInput(model, Tensor.of(values, 2, 28, 28, 1)))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessage("Input sample 1 for model 'described' contains NaN at index 783 of the sample; inputs must"
                        + " be finite numbers");
        assertThatThrownBy(() -> ModelChecks.checkFinite(model, "its output", Tensor.of(values, 2, 784)))
                .hasMessageStartingWith("Model 'described' produced NaN in its output for input sample 1 (at index"
                        + " 783 of the sample)");
    }

    @Test
    void wrongSizeNamesBothShapes() {
        assertThatThrownBy(() -> ModelChecks.checkInput(model, Tensor.zeros(DataType.FLOAT32, Shape.of(2, 28, 27, 1))))
                .isInstanceOf(InputShapeException.class)
                .hasMessage(
                        "Input of shape [2, 28, 27, 1] does not fit model 'described': expected [batch, 28, 28, 1]");
    }

    @Test
    void nonFiniteInputNamesTheSample() {
        float[] data = new float[2 * 784];
        data[784 + 5] = Float.NaN;
        assertThatThrownBy(() -> ModelChecks.checkInput(model, Tensor.of(data, 2, 28, 28, 1)))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("Input sample 1")
                .hasMessageContaining("NaN");
    }

    @Test
    void unknownLayerListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelChecks.checkLayers(model, List.of("fc1", "fc9")))
                .isInstanceOf(UnknownLayerException.class)
                .hasMessage("Unknown layer 'fc9'; the model has layers [conv1, fc1]");
    }

    @Test
    void objectiveIndicesAreCheckedAgainstLayersAndBatch() {
        assertThatThrownBy(() -> ModelChecks.checkObjective(
                        model, Objective.builder().neuron("conv1", 4, 1).build(), 1))
                .hasMessageContaining("layer 'conv1' has 4 (valid indices 0..3)");
        assertThatThrownBy(() -> ModelChecks.checkObjective(
                        model, Objective.builder().logit(10, 1).build(), 1))
                .hasMessageContaining("the output of model 'described' has 10");
        assertThatThrownBy(() -> ModelChecks.checkObjective(
                        model, Objective.builder().logit(2, 0, 1).build(), 2))
                .hasMessageContaining("names sample 2 but the batch has 2 samples");
        assertThatCode(() -> ModelChecks.checkObjective(
                        model,
                        Objective.builder().neuron(1, "conv1", 3, 1).logit(9, 1).build(),
                        2))
                .doesNotThrowAnyException();
    }

    @Test
    void nonFiniteOutputNamesModelAndSample() {
        Tensor out = Tensor.of(new float[] {0, 1, Float.POSITIVE_INFINITY, 0}, 2, 2);
        assertThatThrownBy(() -> ModelChecks.checkFinite(model, "its output", out))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("Model 'described' produced Infinity in its output for input sample 1");
    }
}
