package org.deepjunit.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Binds {@link ForwardListener}s to the current thread. Binding is per thread because JUnit runs each test's
 * lifecycle on one thread, also under parallel execution: a listener sees the forward passes of the test it was
 * bound for.
 *
 * <pre>{@code
 * try (ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
 *     invocation.proceed();   // the test; every model.predict(...) in it reaches recorder
 * }
 * }</pre>
 *
 * <p>Forward passes are reported by {@link ObservedModel}, the base of every model DeepJUnit observes, and
 * only there. Only the outermost pass on a thread is reported: while listeners run, and while the pass they see is
 * being computed, further passes on that thread (a wrapper's inner model, a reference model a listener runs) are
 * not observed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ForwardListeners {

    private static final class State {
        final List<ForwardListener> listeners = new ArrayList<>();
        int depth;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private ForwardListeners() {}

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

    /** The layers whose neuron values events carry: every layer but the input. */
    public static List<String> observedLayers(Model model) {
        return model.layers().stream()
                .filter(l -> l.kind() != LayerKind.INPUT)
                .map(Layer::name)
                .toList();
    }

    /**
     * Runs {@code work} without reporting the forward passes it makes: a fingerprint's probe, a pipeline's trace, a
     * diagnosis that runs models again. Nothing it runs is recorded as coverage or compared.
     */
    public static <T> T unobserved(Supplier<T> work) {
        State state = STATE.get();
        state.depth++;
        try {
            return work.get();
        } finally {
            state.depth--;
        }
    }

    /** A predict: runs {@code predict}, or {@code values} when a listener wants neuron values, and reports it. */
    static Tensor observePredict(
            Model model,
            Tensor inputs,
            Function<Tensor, Tensor> predict,
            BiFunction<Tensor, Collection<String>, NeuronValues> values) {
        return observe(model, inputs, predict, listeners -> {
            if (wantValues(listeners)) {
                NeuronValues v = values.apply(inputs, observedLayers(model));
                return new Observed<>(v.output(), v.output(), v);
            }
            Tensor output = predict.apply(inputs);
            return new Observed<>(output, output, null);
        });
    }

    /** An activations call: when a listener wants neuron values they come from the same pass, over every layer. */
    static Activations observeActivations(
            Model model,
            Tensor inputs,
            Collection<String> layerNames,
            BiFunction<Tensor, Collection<String>, Activations> activations) {
        return observe(model, inputs, in -> activations.apply(in, layerNames), listeners -> {
            if (!wantValues(listeners)) {
                Activations a = activations.apply(inputs, layerNames);
                return new Observed<>(a, a.output(), null);
            }
            List<String> observed = observedLayers(model);
            Activations everything = activations.apply(inputs, union(layerNames, observed));
            NeuronValues values =
                    NeuronValues.of(new Activations(subset(everything.asMap(), observed), everything.output()));
            return new Observed<>(
                    new Activations(subset(everything.asMap(), layerNames), everything.output()),
                    everything.output(),
                    values);
        });
    }

    /** A neuron-values call: computed once over the requested and (when wanted) the observed layers. */
    static NeuronValues observeNeuronValues(
            Model model,
            Tensor inputs,
            Collection<String> layerNames,
            BiFunction<Tensor, Collection<String>, NeuronValues> values) {
        return observe(model, inputs, in -> values.apply(in, layerNames), listeners -> {
            if (!wantValues(listeners)) {
                NeuronValues v = values.apply(inputs, layerNames);
                return new Observed<>(v, v.output(), null);
            }
            List<String> observed = observedLayers(model);
            NeuronValues all = values.apply(inputs, union(layerNames, observed));
            return new Observed<>(
                    new NeuronValues(all.output(), subset(all.layers(), layerNames)),
                    all.output(),
                    new NeuronValues(all.output(), subset(all.layers(), observed)));
        });
    }

    /** What one observed pass returns to its caller, and what its event carries. */
    private record Observed<T>(T result, Tensor output, NeuronValues values) {}

    private static <T> T observe(
            Model model,
            Tensor inputs,
            Function<Tensor, T> plain,
            Function<List<ForwardListener>, Observed<T>> observed) {
        State state = STATE.get();
        if (state.listeners.isEmpty() || state.depth > 0) {
            state.depth++;
            try {
                return plain.apply(inputs);
            } finally {
                state.depth--;
            }
        }
        state.depth++;
        try {
            List<ForwardListener> listeners = List.copyOf(state.listeners);
            Observed<T> pass = observed.apply(listeners);
            ForwardEvent event = new ForwardEvent(model, inputs, pass.output(), pass.values());
            for (ForwardListener listener : listeners) {
                listener.onForward(event);
            }
            return pass.result();
        } finally {
            state.depth--;
        }
    }

    private static boolean wantValues(List<ForwardListener> listeners) {
        return listeners.stream().anyMatch(ForwardListener::wantsNeuronValues);
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static <V> Map<String, V> subset(Map<String, V> byLayer, Collection<String> names) {
        Map<String, V> kept = new LinkedHashMap<>();
        byLayer.forEach((name, v) -> {
            if (names.contains(name)) {
                kept.put(name, v);
            }
        });
        return kept;
    }
}
