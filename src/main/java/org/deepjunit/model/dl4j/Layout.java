package org.deepjunit.model.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How DL4J lays out one array, and how it maps onto DeepJUnit's batch-first, channels-last
 * convention.
 */
enum Layout {
    /** {@code [n, features]}, the same in both conventions. */
    FLAT,
    /** DL4J's default image layout {@code [n, c, h, w]}; channels-last is {@code [n, h, w, c]}. */
    NCHW,
    /** {@code [n, h, w, c]}, as Keras imports use it. */
    NHWC,
    /** DL4J's default sequence layout {@code [n, features, time]}; channels-last is {@code [n, time, features]}. */
    NCW,
    /** {@code [n, time, features]}. */
    NWC,
    /** Input only: an image {@code [n, h, w, c]} that the network takes flattened in (c, h, w) order. */
    FLAT_CHW,
    /** Anything else: passed through unchanged. */
    AS_IS;

    /** Converts a DL4J array in this layout to channels-last. */
    INDArray toChannelsLast(INDArray a) {
        if (this == NCHW && a.rank() == 4) {
            return a.permute(0, 2, 3, 1);
        }
        if (this == NCW && a.rank() == 3) {
            return a.permute(0, 2, 1);
        }
        return a;
    }

    /** Converts a channels-last array {@code [n, ...]} to this layout ({@link #FLAT_CHW}: flattened in (c, h, w) order). */
    INDArray fromChannelsLast(INDArray a) {
        switch (this) {
            case NCHW:
                return a.permute(0, 3, 1, 2);
            case NCW:
                return a.permute(0, 2, 1);
            case FLAT_CHW:
                return a.permute(0, 3, 1, 2).dup('c').reshape('c', a.size(0), a.length() / a.size(0));
            default:
                return a;
        }
    }

    /** Converts a gradient w.r.t. an array in this layout back to channels-last {@code spiShape}. */
    INDArray gradientToChannelsLast(INDArray g, long[] spiShape) {
        if (this == FLAT_CHW) {
            // [n, c*h*w] in (c, h, w) order -> [n, c, h, w] -> [n, h, w, c]
            return g.dup('c').reshape('c', spiShape[0], spiShape[3], spiShape[1], spiShape[2]).permute(0, 2, 3, 1);
        }
        return toChannelsLast(g);
    }

    /** The axis that holds one neuron per index (a channel or a feature) in an array of this layout. */
    int neuronAxis(int rank) {
        if ((this == NCHW && rank == 4) || (this == NCW && rank == 3)) {
            return 1;
        }
        return rank - 1;
    }
}
