package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;

/**
 * What runs a {@link TensorFlowModel}: its session over the graph, the input, output, logits and layer tensors, and
 * the ops added once per objective or layer set (gradients, neuron values). Calls run concurrently in one session;
 * closing waits for them.
 */
final class TfSession {

    private final Model owner;
    private final String name;
    private final SavedModelBundle bundle;
    private final Session session;
    private final Graph graph;
    private final Output<?> input;
    private final Output<?> output;
    private final Output<?> logits;
    private final DataType dataType;
    private final InputScale inputScale;
    private final Map<String, Output<?>> layerOutputs;
    private final Map<String, Integer> units;
    private final int outputUnits;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Map<List<String>, ObjectiveGraph> objectives = new HashMap<>();
    private int objectiveCount;
    private final Map<List<String>, NeuronValueGraph> neuronValueGraphs = new HashMap<>();
    private boolean closed;

    /**
     * @param owner  the model, for messages
     * @param bundle the SavedModel the session belongs to (closed with it), or null for a session over a graph the
     *               caller owns
     * @param units  the neuron count of each layer
     */
    TfSession(
            Model owner,
            SavedModelBundle bundle,
            Session session,
            Graph graph,
            Output<?> input,
            Output<?> output,
            Output<?> logits,
            DataType dataType,
            InputScale inputScale,
            Map<String, Output<?>> layerOutputs,
            Map<String, Integer> units,
            int outputUnits) {
        this.owner = owner;
        this.name = owner.name();
        this.bundle = bundle;
        this.session = session;
        this.graph = graph;
        this.input = input;
        this.output = output;
        this.logits = logits;
        this.dataType = dataType;
        this.inputScale = inputScale;
        this.layerOutputs = Map.copyOf(layerOutputs);
        this.units = Map.copyOf(units);
        this.outputUnits = outputUnits;
    }

    /** The rank of a layer's output (at least 1: batch-first). */
    int rank(String layer) {
        return layerOutputs.get(layer).shape().numDimensions();
    }

    /** The output and the named layers' outputs (in model order) of one session run. */
    Activations run(Tensor inputs, List<String> layerNames) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType)) {
                List<Output<?>> fetches = new ArrayList<>(List.of(output));
                int[] slot = addFetches(
                        fetches,
                        layerNames.stream().<Output<?>>map(layerOutputs::get).toList());
                Session.Runner runner = session.runner().feed(input, x);
                fetches.forEach(runner::fetch);
                try (Result result = runTf(runner, "inference")) {
                    Tensor out = TfTensors.fromTf(result.get(0), "The output of model '" + name + "'");
                    Map<String, Tensor> byLayer = new LinkedHashMap<>();
                    for (int i = 0; i < layerNames.size(); i++) {
                        byLayer.put(
                                layerNames.get(i),
                                slot[i] == 0
                                        ? out
                                        : TfTensors.fromTf(result.get(slot[i]), "Layer '" + layerNames.get(i) + "'"));
                    }
                    return new Activations(byLayer, out);
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The input gradient of a checked objective, chained back through the input scale. */
    Tensor gradient(Tensor inputs, Objective objective) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            ObjectiveGraph og = objectiveGraph(objective.layers(), objective.hasLogitTerms());
            int batch = inputs.batchSize();
            List<org.tensorflow.Tensor> feeds = new ArrayList<>();
            try {
                org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType);
                feeds.add(x);
                Session.Runner runner = session.runner().feed(input, x);
                for (int i = 0; i < og.weights().size(); i++) {
                    String layer = og.layers().get(i);
                    int units = layer == null ? outputUnits : this.units.get(layer);
                    if (units < 1) {
                        throw new ModelException(
                                "The last dimension of " + (layer == null ? "the output" : "layer '" + layer + "'")
                                        + " of model '" + name + "' is unknown; objectives need a known number "
                                        + "of units");
                    }
                    double[] w = new double[batch * units];
                    for (Objective.Term t : objective.terms()) {
                        if (!Objects.equals(t.layer(), layer)) {
                            continue;
                        }
                        for (int s = 0; s < batch; s++) {
                            if (t.appliesTo(s)) {
                                w[s * units + t.unit()] += t.weight();
                            }
                        }
                    }
                    org.tensorflow.Tensor wt = TfTensors.toTf(w, dataType, batch, units);
                    feeds.add(wt);
                    runner.feed(og.weights().get(i), wt);
                }
                runner.fetch(og.gradient());
                try (Result result = runTf(runner, "the input gradient")) {
                    Tensor grad = TfTensors.fromTf(result.get(0), "The input gradient of model '" + name + "'");
                    return inputScale.chainGradient(grad);
                }
            } finally {
                feeds.forEach(org.tensorflow.Tensor::close);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Neuron values computed inside TensorFlow: channel means and per-input min/max ops added to the graph once per
     * set of layers ({@link NeuronValueGraph}) and fetched in the same session run as the output, so only
     * {@code batch × neurons} numbers are copied out. Every layer is at least rank 2 ({@code [batch, ..., units]}).
     */
    NeuronValues neuronValues(Tensor inputs, List<String> inOrder) {
        NeuronValueGraph g = neuronValueGraph(inOrder);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType)) {
                List<Output<?>> fetches = new ArrayList<>(List.of(output, g.extremes()));
                int[] slot = addFetches(fetches, g.means());
                Session.Runner runner = session.runner().feed(input, x);
                fetches.forEach(runner::fetch);
                try (Result result = runTf(runner, "neuron values")) {
                    Tensor out = TfTensors.fromTf(result.get(0), "The output of model '" + name + "'");
                    int batch = inputs.batchSize();
                    double[] extremes =
                            TfTensors.fromTf(result.get(1), "Neuron values").toDoubleArray();
                    int columns = g.extremesWidth();
                    if (extremes.length != batch * columns) {
                        throw new ModelException("The layers of model '" + name + "' gave " + extremes.length
                                + " extreme values for a batch of " + batch + " and " + inOrder.size()
                                + " layers; layers must be batch-first [batch, ..., units]");
                    }
                    Map<String, NeuronValues.LayerValues> values = new LinkedHashMap<>();
                    Map<Integer, Object> read = new HashMap<>();
                    boolean sumsFinite = true;
                    for (int s = 0; s < batch; s++) {
                        for (int c = 2 * inOrder.size(); c < columns; c++) {
                            sumsFinite &= Double.isFinite(extremes[s * columns + c]);
                        }
                    }
                    for (int i = 0; i < inOrder.size(); i++) {
                        String layer = inOrder.get(i);
                        int units = g.units()[i];
                        Object source = read.computeIfAbsent(
                                slot[i],
                                at -> TfTensors.values(result.get(at), "The neuron values of model '" + name + "'"));
                        int size = source instanceof float[] f ? f.length : ((double[]) source).length;
                        int width = size / batch;
                        if (size != batch * width || g.offsets()[i] + units > width) {
                            throw new ModelException("The layer '" + layer + "' of model '" + name + "' gave "
                                    + size + " neuron values for a batch of " + batch + " x " + units
                                    + "; layers must be batch-first [batch, ..., units]");
                        }
                        double[] mins = new double[batch];
                        double[] maxs = new double[batch];
                        boolean finite = sumsFinite;
                        for (int s = 0; s < batch; s++) {
                            int at = s * columns + 2 * i;
                            mins[s] = extremes[at];
                            maxs[s] = extremes[at + 1];
                            finite &= Double.isFinite(mins[s]) && Double.isFinite(maxs[s]);
                        }
                        NeuronValues.LayerValues lv =
                                layerValues(layer, source, batch, units, width, g.offsets()[i], mins, maxs);
                        if (!finite) {
                            ModelChecks.checkFinite(
                                    owner,
                                    "layer '" + layer + "'",
                                    Tensor.wrap(lv.means(), org.deepjunit.model.Shape.of(batch, units)));
                            ModelChecks.checkFinite(
                                    owner,
                                    "layer '" + layer + "'",
                                    Tensor.wrap(mins, org.deepjunit.model.Shape.of(batch)));
                            ModelChecks.checkFinite(
                                    owner,
                                    "layer '" + layer + "'",
                                    Tensor.wrap(maxs, org.deepjunit.model.Shape.of(batch)));
                        }
                        values.put(layer, lv);
                    }
                    return new NeuronValues(out, values);
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Appends each of {@code wanted} to {@code fetches} unless it is there already (TF Java refuses to fetch one
     * tensor twice) and returns, per wanted output, its index in {@code fetches}.
     */
    private static int[] addFetches(List<Output<?>> fetches, List<Output<?>> wanted) {
        int[] slot = new int[wanted.size()];
        for (int i = 0; i < slot.length; i++) {
            int at = fetches.indexOf(wanted.get(i));
            if (at < 0) {
                at = fetches.size();
                fetches.add(wanted.get(i));
            }
            slot[i] = at;
        }
        return slot;
    }

    /** One layer's columns {@code [offset, offset + units)} of a fetched {@code [batch, width]} tensor. */
    private static NeuronValues.LayerValues layerValues(
            String layer, Object source, int batch, int units, int width, int offset, double[] mins, double[] maxs) {
        if (source instanceof float[] all) {
            float[] means = all;
            if (width != units) {
                means = new float[batch * units];
                for (int s = 0; s < batch; s++) {
                    System.arraycopy(all, s * width + offset, means, s * units, units);
                }
            }
            return NeuronValues.LayerValues.ofFloats(layer, batch, units, means, mins, maxs);
        }
        double[] all = (double[]) source;
        double[] means = all;
        if (width != units) {
            means = new double[batch * units];
            for (int s = 0; s < batch; s++) {
                System.arraycopy(all, s * width + offset, means, s * units, units);
            }
        }
        return new NeuronValues.LayerValues(layer, batch, units, means, mins, maxs);
    }

    private synchronized NeuronValueGraph neuronValueGraph(List<String> layerNames) {
        return neuronValueGraphs.computeIfAbsent(
                List.copyOf(layerNames),
                names -> NeuronValueGraph.build(
                        graph,
                        "deepjunit_neuron_values_" + neuronValueGraphs.size(),
                        names,
                        names.stream().<Output<?>>map(layerOutputs::get).toList(),
                        names.stream().mapToInt(units::get).toArray()));
    }

    /**
     * The objective ops for these layers, with the logits only when the objective has logit terms: a neuron-only
     * objective must not need a path from the input to the logits (which may pass an op with no gradient).
     */
    private synchronized ObjectiveGraph objectiveGraph(Set<String> layerNames, boolean withLogits) {
        List<String> key = new ArrayList<>(new TreeSet<>(layerNames));
        if (withLogits) {
            key.add(0, null);
        }
        ObjectiveGraph og = objectives.get(key);
        if (og == null) {
            List<String> names = new ArrayList<>();
            List<Output<?>> outs = new ArrayList<>();
            if (withLogits) {
                names.add(null);
                outs.add(logits);
            }
            for (String l : new TreeSet<>(layerNames)) {
                names.add(l);
                outs.add(layerOutputs.get(l));
            }
            og = ObjectiveGraph.build(
                    graph, "deepjunit_objective_" + (objectiveCount++), input, names, outs, dataType, name);
            objectives.put(key, og);
        }
        return og;
    }

    private Result runTf(Session.Runner runner, String what) {
        try {
            return runner.run();
        } catch (RuntimeException e) {
            throw new ModelException(
                    "TensorFlow failed computing " + what + " of model '" + name + "': " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException("Model '" + name + "' is closed");
        }
    }

    /** Closes the session (and the SavedModel's graph; an in-memory graph stays the caller's). Idempotent. */
    void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (bundle != null) {
                bundle.close();
            } else {
                session.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
