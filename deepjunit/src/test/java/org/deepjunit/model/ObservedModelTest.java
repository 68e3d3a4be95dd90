package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.deepjunit.coverage.TinyModel;
import org.junit.jupiter.api.Test;

/**
 * The one place models are checked and observed: {@link ObservedModel}'s final methods over a subclass's compute
 * methods, and {@link ObservedModel#observe} for a model that does not extend it. TinyModel (2 → 3 ReLU → 2) is
 * hand-set: x = (1, 0) gives out (1, 0); x = (0, 2) gives out (1, 3).
 */
class ObservedModelTest {

    private final List<ForwardEvent> events = new CopyOnWriteArrayList<>();

    private ForwardListeners.Binding record(boolean values) {
        return ForwardListeners.bind(new ForwardListener() {
            @Override
            public boolean wantsNeuronValues() {
                return values;
            }

            @Override
            public void onForward(ForwardEvent event) {
                events.add(event);
            }
        });
    }

    @Test
    void everyPublicForwardPassIsObservedOnceWithTheValuesListenersWant() {
        TinyModel tiny = new TinyModel("tiny");
        Tensor x = TinyModel.inputs(1, 0, 0, 2);
        try (ForwardListeners.Binding ignored = record(true)) {
            assertThat(tiny.predict(x).toDoubleArray()).containsExactly(1, 0, 1, 3);
            Activations one = tiny.activations(x, List.of("dense1"));
            NeuronValues out = tiny.neuronValues(x, List.of("out"));
            assertThat(one.layerNames()).containsExactly("dense1");
            assertThat(out.layers()).containsOnlyKeys("out");
        }
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.model()).isSameAs(tiny);
            assertThat(e.output().toDoubleArray()).containsExactly(1, 0, 1, 3);
            // every layer but the input, whatever the caller asked for
            assertThat(e.neuronValues().layers()).containsOnlyKeys("dense1", "out");
        });
        // x = (0, 2): dense1 = (0, 2, 1), so its raw mean values are 0, 2, 1 and the range [0, 2]
        NeuronValues.LayerValues dense1 = events.get(2).neuronValues().layer("dense1");
        assertThat(new double[] {dense1.raw(1, 0), dense1.raw(1, 1), dense1.raw(1, 2)})
                .containsExactly(0, 2, 1);
        assertThat(dense1.scaled(1, 2)).isEqualTo(0.5);
    }

    @Test
    void aWrapperIsObservedOnceAndItsInnerModelNotAgain() {
        TinyModel inner = new TinyModel("inner");
        Model userWrapper = new Delegating(inner);
        ObservedModel observed = ObservedModel.observe(userWrapper);
        assertThat(ObservedModel.observe(inner)).isSameAs(inner);
        assertThat(observed.name()).isEqualTo("inner");
        try (ForwardListeners.Binding ignored = record(true)) {
            observed.predict(TinyModel.inputs(1, 0));
            userWrapper.predict(TinyModel.inputs(0, 2)); // unwrapped: only its inner model is seen
        }
        assertThat(events).extracting(ForwardEvent::model).containsExactly(observed, inner);
        assertThat(events.get(0).neuronValues().layers()).containsOnlyKeys("dense1", "out");
    }

    @Test
    void aFingerprintIsComputedWithoutBeingObserved() {
        TinyModel tiny = new TinyModel("tiny");
        try (ForwardListeners.Binding ignored = record(true)) {
            assertThat(tiny.fingerprint()).hasSize(64);
            assertThat(ObservedModel.observe(new Delegating(tiny)).fingerprint())
                    .isEqualTo(tiny.fingerprint());
        }
        assertThat(events).isEmpty();
    }

    @Test
    void inputsAreCheckedBeforeTheSubclassComputes() {
        Faulty model = new Faulty(x -> x);
        assertThatThrownBy(() -> model.predict(Tensor.of(new double[3], 1, 3)))
                .isInstanceOf(InputShapeException.class)
                .hasMessageContaining("expected [batch, 2]");
        assertThatThrownBy(() -> model.predict(Tensor.of(new double[] {1, Double.NaN}, 1, 2)))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessage(
                        "Input sample 0 for model 'faulty' contains NaN at index 1 of the sample; inputs must be finite"
                                + " numbers");
        assertThatThrownBy(() -> model.activations(TinyModel.inputs(1, 0), List.of("conv9")))
                .isInstanceOf(UnknownLayerException.class);
        assertThatThrownBy(() -> model.inputGradient(
                        TinyModel.inputs(1, 0),
                        Objective.builder().logit(5, 1.0).build()))
                .hasMessageContaining("names unit 5 but the output of model 'faulty' has 2");
        assertThat(model.computed).isZero();
    }

    @Test
    void whatTheSubclassComputesIsCheckedBeforeTheCallerSeesIt() {
        Tensor x = TinyModel.inputs(1, 0, 0, 2);
        assertThatThrownBy(() -> new Faulty(in -> Tensor.of(new double[6], 2, 3)).predict(x))
                .isInstanceOf(ModelException.class)
                .hasMessage("Model 'faulty' gave an output of shape [2, 3] for a"
                        + " batch of 2; expected [2, 2] as its outputShape() says");
        assertThatThrownBy(() -> new Faulty(in -> Tensor.of(new double[2], 1, 2)).predict(x))
                .hasMessageContaining("gave an output of shape [1, 2] for a batch of 2");
        assertThatThrownBy(() ->
                        new Faulty(in -> Tensor.of(new double[] {0, 1, Double.POSITIVE_INFINITY, 0}, 2, 2)).predict(x))
                .isInstanceOf(NonFiniteValueException.class)
                .hasMessageStartingWith("Model 'faulty' produced Infinity in its output for input sample 1");
        assertThatThrownBy(() -> new Faulty(in -> in).activations(x, List.of("dense1")))
                .hasMessage("Model 'faulty' computed no output for layer 'dense1' (it computed [])");
        assertThatThrownBy(() -> new Faulty(in -> in)
                        .inputGradient(x, Objective.builder().logit(0, 1.0).build()))
                .hasMessage("Model 'faulty' (" + Faulty.class.getName() + ") does not compute input gradients:"
                        + " override computeInputGradient, or use a model whose framework differentiates it");
    }

    /** Computes {@code out} from the input; reports no layers in its activations. */
    private static final class Faulty extends ObservedModel {
        private final UnaryOperator<Tensor> out;
        int computed;

        Faulty(UnaryOperator<Tensor> out) {
            this.out = out;
        }

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public Shape inputShape() {
            return Shape.of(2);
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
            return new TinyModel("layers").layers();
        }

        @Override
        protected Tensor computePredict(Tensor inputs) {
            computed++;
            return out.apply(inputs);
        }

        @Override
        protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
            computed++;
            return new Activations(Map.of(), out.apply(inputs));
        }

        @Override
        public void close() {}
    }

    /** A user's model that implements {@link Model} directly and delegates every call. */
    private record Delegating(Model inner) implements Model {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Shape inputShape() {
            return inner.inputShape();
        }

        @Override
        public Shape outputShape() {
            return inner.outputShape();
        }

        @Override
        public DataType dataType() {
            return inner.dataType();
        }

        @Override
        public List<Layer> layers() {
            return inner.layers();
        }

        @Override
        public Tensor predict(Tensor inputs) {
            return inner.predict(inputs);
        }

        @Override
        public Activations activations(Tensor inputs, Collection<String> layerNames) {
            return inner.activations(inputs, layerNames);
        }

        @Override
        public Tensor inputGradient(Tensor inputs, Objective objective) {
            return inner.inputGradient(inputs, objective);
        }

        @Override
        public String fingerprint() {
            return inner.fingerprint();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
