package org.deepjunit.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.deepjunit.Model;
import org.deepjunit.Tensor;

/**
 * Binds {@link ForwardListener}s to the current thread, and lets adapters report their forward
 * passes to them. Binding is per thread because JUnit runs each test's lifecycle on one thread,
 * also under parallel execution: a listener sees the model calls of the test it was bound for.
 *
 * <pre>{@code
 * try (ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
 *     invocation.proceed();   // the test; every model.predict(...) in it reaches recorder
 * }
 * }</pre>
 *
 * <p>Adapters route {@code predict} and {@code activations} through {@link #observePredict} and
 * {@link #observeActivations}. While listeners run, and while the values they want are being
 * computed, further forward passes on that thread are not observed, so a listener may call
 * models itself without recursion.
 */
public final class ForwardListeners {

    private static final class State {
        final List<ForwardListener> listeners = new ArrayList<>();
        int depth;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private ForwardListeners() {
    }

    /** Undoes a {@link #bind}; closing twice is harmless. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Binds a listener to the current thread until the returned binding is closed. */
    public static Binding bind(ForwardListener listener) {
        State state = STATE.get();
        state.listeners.add(listener);
        return new Binding() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    state.listeners.remove(listener);
                }
            }
        };
    }

    /** Whether some listener is bound to this thread and would see a forward pass now. */
    public static boolean active() {
        State state = STATE.get();
        return !state.listeners.isEmpty() && state.depth == 0;
    }

    /**
     * Runs {@code unobserved} (the adapter's own inference) and reports it to the bound listeners;
     * neuron values, when wanted, come from {@link Model#neuronValues}.
     */
    public static Tensor observePredict(Model model, Tensor inputs, UnaryOperator<Tensor> unobserved) {
        return observePredict(model, inputs, unobserved, model::neuronValues);
    }

    /**
     * Like {@link #observePredict(Model, Tensor, UnaryOperator)}, with the adapter's own neuron-value
     * computation. Both functions receive inputs the adapter has already checked, so they skip the
     * checks of the public methods: this is the recorded hot path.
     */
    public static Tensor observePredict(Model model, Tensor inputs, UnaryOperator<Tensor> unobserved,
                                        BiFunction<Tensor, Collection<String>, NeuronValues> unobservedValues) {
        State state = STATE.get();
        if (state.listeners.isEmpty() || state.depth > 0) {
            return unobserved.apply(inputs);
        }
        state.depth++;
        try {
            List<ForwardListener> listeners = List.copyOf(state.listeners);
            NeuronValues values = null;
            Tensor output;
            if (listeners.stream().anyMatch(ForwardListener::wantsNeuronValues)) {
                values = unobservedValues.apply(inputs, observedLayers(model));
                output = values.output();
            } else {
                output = unobserved.apply(inputs);
            }
            fire(listeners, new ForwardEvent(model, inputs, output, values));
            return output;
        } finally {
            state.depth--;
        }
    }

    /**
     * Runs {@code unobserved} for the requested layers (all layers when a listener wants neuron
     * values, computed from the same pass) and reports the pass to the bound listeners.
     */
    public static Activations observeActivations(Model model, Tensor inputs, Collection<String> layerNames,
                                                 BiFunction<Tensor, Collection<String>, Activations> unobserved) {
        State state = STATE.get();
        if (state.listeners.isEmpty() || state.depth > 0) {
            return unobserved.apply(inputs, layerNames);
        }
        state.depth++;
        try {
            List<ForwardListener> listeners = List.copyOf(state.listeners);
            if (listeners.stream().noneMatch(ForwardListener::wantsNeuronValues)) {
                Activations activations = unobserved.apply(inputs, layerNames);
                fire(listeners, new ForwardEvent(model, inputs, activations.output(), null));
                return activations;
            }
            Set<String> all = new LinkedHashSet<>(observedLayers(model));
            all.addAll(layerNames);
            Activations everything = unobserved.apply(inputs, all);
            NeuronValues values = NeuronValues.of(subset(everything, observedLayers(model)));
            fire(listeners, new ForwardEvent(model, inputs, everything.output(), values));
            return subset(everything, layerNames);
        } finally {
            state.depth--;
        }
    }

    /** The layers whose neuron values events carry: every layer but the input. */
    public static List<String> observedLayers(Model model) {
        return model.layers().stream().filter(l -> l.kind() != LayerKind.INPUT).map(Layer::name).toList();
    }

    private static Activations subset(Activations activations, Collection<String> names) {
        java.util.Map<String, Tensor> kept = new java.util.LinkedHashMap<>();
        activations.asMap().forEach((name, t) -> {
            if (names.contains(name)) {
                kept.put(name, t);
            }
        });
        return new Activations(kept, activations.output());
    }

    private static void fire(List<ForwardListener> listeners, ForwardEvent event) {
        for (ForwardListener listener : listeners) {
            listener.onForward(event);
        }
    }
}
