package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The base of every model DeepJUnit observes: the one place where inputs are checked and forward passes are
 * reported to the test's {@link ForwardListener}s (coverage recording, differential replay). Its public methods
 * are final; a subclass computes in the protected {@code compute…} methods, which receive checked inputs and known
 * layer names, and whose results are checked before the caller sees them.
 *
 * <p>The adapters extend it, and so should a model of your own — a wrapper that reshapes or rescales before a
 * SavedModel, a caching or delegating model, a pipeline:
 *
 * <pre>{@code
 * final class Flattened extends ObservedModel {
 *     private final Model inner;                               // takes [n, 28, 28]
 *     Flattened(Model inner) { this.inner = inner; }
 *
 *     public String name() { return "flattened-" + inner.name(); }
 *     public Shape inputShape() { return Shape.of(28, 28, 1); }
 *     public Shape outputShape() { return inner.outputShape(); }
 *     public DataType dataType() { return inner.dataType(); }
 *     public List<Layer> layers() { return inner.layers(); }
 *
 *     protected Tensor computePredict(Tensor x) { return inner.predict(x.reshape(x.batchSize(), 28, 28)); }
 *     protected Activations computeActivations(Tensor x, Collection<String> layers) {
 *         return inner.activations(x.reshape(x.batchSize(), 28, 28), layers);
 *     }
 *     public void close() { inner.close(); }
 * }
 * }</pre>
 *
 * <p>Only the outermost forward pass on a thread is reported: the wrapper above is observed once per call, not
 * once more for {@code inner}. A model that does not extend this class is wrapped with {@link #observe(Model)}
 * wherever DeepJUnit hands a declared model out.
 *
 * <p>What is checked, with messages that name the model and the fix: the input batch's shape against
 * {@link #inputShape()} and its values for NaN and infinity (before anything reaches native code, where a wrong
 * shape can abort the JVM); layer names; an objective's layers, units and samples; the shape and finiteness of
 * outputs, of layer outputs and of gradients.
 */
@API(status = STABLE, since = "0.1")
public abstract class ObservedModel implements Model {

    /**
     * {@code model} itself when it already extends this class, else a wrapper that observes its forward passes and
     * delegates everything to it (closing the wrapper closes {@code model}).
     */
    public static ObservedModel observe(Model model) {
        Objects.requireNonNull(model, "model");
        return model instanceof ObservedModel observed ? observed : new ObservingModel(model);
    }

    @Override
    public final Tensor predict(Tensor inputs) {
        ModelChecks.checkInput(this, inputs);
        return ForwardListeners.observePredict(this, inputs, this::checkedPredict, this::checkedNeuronValues);
    }

    @Override
    public final Activations activations(Tensor inputs, Collection<String> layerNames) {
        ModelChecks.checkInput(this, inputs);
        List<String> names = List.copyOf(layerNames);
        ModelChecks.checkLayers(this, names);
        return ForwardListeners.observeActivations(this, inputs, names, this::checkedActivations);
    }

    @Override
    public final Activations activations(Tensor inputs) {
        return activations(inputs, layers().stream().map(Layer::name).toList());
    }

    @Override
    public final NeuronValues neuronValues(Tensor inputs, Collection<String> layerNames) {
        ModelChecks.checkInput(this, inputs);
        List<String> names = List.copyOf(layerNames);
        ModelChecks.checkLayers(this, names);
        return ForwardListeners.observeNeuronValues(this, inputs, names, this::checkedNeuronValues);
    }

    @Override
    public final Tensor inputGradient(Tensor inputs, Objective objective) {
        ModelChecks.checkInput(this, inputs);
        ModelChecks.checkObjective(this, objective, inputs.batchSize());
        Tensor gradient = computeInputGradient(inputs, objective);
        if (gradient == null || !gradient.shape().equals(inputs.shape())) {
            throw new ModelException("Model '" + name() + "' computed an input gradient of shape "
                    + (gradient == null ? "null" : gradient.shape()) + " for inputs of shape " + inputs.shape()
                    + "; computeInputGradient must return a tensor shaped like its inputs");
        }
        return ModelChecks.checkFinite(this, "the input gradient", gradient);
    }

    /** The default: structure and neuron values on a probe batch, computed without being observed. */
    @Override
    public String fingerprint() {
        return ForwardListeners.unobserved(() -> Fingerprints.of(this));
    }

    /** The model's output for a checked batch {@code [n, ...inputShape()]}: {@code [n, ...outputShape()]}. */
    protected abstract Tensor computePredict(Tensor inputs);

    /**
     * The named layers' outputs (every name is a layer of this model) and the model's output, for a checked batch.
     * Each layer output is batch-first.
     */
    protected abstract Activations computeActivations(Tensor inputs, Collection<String> layerNames);

    /**
     * The named layers' neuron values; by default computed from {@link #computeActivations}. Adapters override it
     * to compute them inside the framework, and must then report a NaN or infinity in a layer themselves (with
     * {@link ModelChecks#checkFinite}); the output is checked here.
     */
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        return NeuronValues.of(checkedActivations(inputs, layerNames));
    }

    /**
     * The gradient of the objective (already checked against this model and the batch) with respect to the inputs;
     * by default this model has none, and says so.
     */
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        throw new ModelException("Model '" + name() + "' (" + getClass().getName() + ") does not compute input "
                + "gradients: override computeInputGradient, or use a model whose framework differentiates it");
    }

    private Tensor checkedPredict(Tensor inputs) {
        return checkOutput(computePredict(inputs), inputs.batchSize());
    }

    private Activations checkedActivations(Tensor inputs, Collection<String> layerNames) {
        Activations activations = computeActivations(inputs, layerNames);
        if (activations == null) {
            throw new ModelException("Model '" + name() + "' computed no activations (null)");
        }
        for (String layer : layerNames) {
            Tensor t = activations.asMap().get(layer);
            if (t == null) {
                throw new ModelException("Model '" + name() + "' computed no output for layer '" + layer
                        + "' (it computed " + activations.layerNames() + ")");
            }
            if (t.shape().rank() == 0 || t.shape().dim(0) != inputs.batchSize()) {
                throw new ModelException("Layer '" + layer + "' of model '" + name() + "' gave a tensor of shape "
                        + t.shape() + " for a batch of " + inputs.batchSize()
                        + "; layers must be batch-first [batch, ...]");
            }
        }
        // In forward order, so that a NaN is reported where it first appears.
        for (Layer layer : layers()) {
            if (layerNames.contains(layer.name())) {
                ModelChecks.checkFinite(this, "layer '" + layer.name() + "'", activations.layer(layer.name()));
            }
        }
        checkOutput(activations.output(), inputs.batchSize());
        return activations;
    }

    private NeuronValues checkedNeuronValues(Tensor inputs, Collection<String> layerNames) {
        NeuronValues values = computeNeuronValues(inputs, layerNames);
        if (values == null) {
            throw new ModelException("Model '" + name() + "' computed no neuron values (null)");
        }
        checkOutput(values.output(), inputs.batchSize());
        for (String layer : layerNames) {
            NeuronValues.LayerValues lv = values.layers().get(layer);
            if (lv == null || lv.batch() != inputs.batchSize()) {
                throw new ModelException("Model '" + name() + "' computed no neuron values for layer '" + layer
                        + "' and a batch of " + inputs.batchSize() + " (it computed "
                        + values.layers().keySet() + ")");
            }
        }
        return values;
    }

    private Tensor checkOutput(Tensor output, int batch) {
        Shape expected = outputShape().withBatch(batch);
        if (output == null
                || output.shape().rank() != expected.rank()
                || output.shape().dim(0) != batch
                || !outputShape().accepts(output.shape().withoutBatch())) {
            throw new ModelException("Model '" + name() + "' gave an output of shape "
                    + (output == null ? "null" : output.shape()) + " for a batch of " + batch + "; expected "
                    + expected + " as its outputShape() says");
        }
        return ModelChecks.checkFinite(this, "its output", output);
    }
}
