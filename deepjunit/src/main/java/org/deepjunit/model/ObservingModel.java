package org.deepjunit.model;

import java.util.Collection;
import java.util.List;

/**
 * {@link ObservedModel#observe(Model)}'s wrapper for a model that does not extend {@link ObservedModel}: every
 * call goes to the wrapped model, observed and checked on the way.
 */
final class ObservingModel extends ObservedModel {

    private final Model delegate;

    ObservingModel(Model delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Shape inputShape() {
        return delegate.inputShape();
    }

    @Override
    public Shape outputShape() {
        return delegate.outputShape();
    }

    @Override
    public DataType dataType() {
        return delegate.dataType();
    }

    @Override
    public List<Layer> layers() {
        return delegate.layers();
    }

    @Override
    public ModelFiles files() {
        return delegate.files();
    }

    @Override
    public String gradientSource() {
        return delegate.gradientSource();
    }

    @Override
    public String fingerprint() {
        return ForwardListeners.unobserved(delegate::fingerprint);
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        return delegate.predict(inputs);
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        return delegate.activations(inputs, layerNames);
    }

    @Override
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        NeuronValues values = delegate.neuronValues(inputs, layerNames);
        for (NeuronValues.LayerValues lv : values.layers().values()) {
            ModelChecks.checkFinite(
                    this, "layer '" + lv.layer() + "'", Tensor.wrap(lv.means(), Shape.of(lv.batch(), lv.neurons())));
        }
        return values;
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        return delegate.inputGradient(inputs, objective);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "observed " + delegate;
    }
}
