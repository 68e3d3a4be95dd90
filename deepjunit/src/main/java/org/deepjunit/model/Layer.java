package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One layer of a model under test, as every part of DeepJUnit sees it.
 *
 * <p>{@code outputShape} is per sample and channels-last. A layer has one neuron per element of
 * its last dimension: a dense unit, or a whole convolution or pooling channel, as in DeepXplore.
 * A neuron's value over a channel is the mean over all other dimensions.
 *
 * @param name        the framework's own layer name (a Keras layer name, a DL4J layer name, a TF op name)
 * @param kind        what the layer does
 * @param outputShape the shape of one sample's output, channels-last
 */
@API(status = STABLE, since = "0.1")
public record Layer(String name, LayerKind kind, Shape outputShape) {

    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outputShape, "outputShape");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A layer needs a name");
        }
    }

    /** The number of neurons: the size of the last output dimension. */
    public int neuronCount() {
        return outputShape.last();
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", " + outputShape + ")";
    }
}
