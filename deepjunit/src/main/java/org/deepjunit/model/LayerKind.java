package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a layer does, as far as testing cares. Adapters map framework layer classes and ops onto
 * these; {@link #OTHER} keeps a layer DeepJUnit does not know visible rather than dropping it.
 */
@API(status = STABLE, since = "0.1")
public enum LayerKind {
    INPUT,
    DENSE,
    CONVOLUTION,
    POOLING,
    /** A stand-alone activation, softmax included. */
    ACTIVATION,
    NORMALIZATION,
    DROPOUT,
    FLATTEN,
    RESHAPE,
    RECURRENT,
    EMBEDDING,
    /** Element-wise merges and concatenations of several inputs. */
    MERGE,
    OTHER;

    /**
     * Whether coverage counts this layer's neurons by default: every layer with an output but the
     * input and flatten/reshape, as DeepXplore's reference code does (pooling, logits and softmax count).
     */
    public boolean countedByDefault() {
        return this != INPUT && this != FLATTEN && this != RESHAPE;
    }
}
