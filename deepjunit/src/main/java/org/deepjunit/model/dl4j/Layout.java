package org.deepjunit.model.dl4j;

import org.deepjunit.model.ModelException;
import org.deepjunit.model.Shape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
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
            return g.dup('c')
                    .reshape('c', spiShape[0], spiShape[3], spiShape[1], spiShape[2])
                    .permute(0, 2, 3, 1);
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

    /** The network input's layout and channels-last per-sample shape. */
    record Input(Layout layout, Shape shape) {}

    /**
     * The layout and channels-last shape of the network input, from what the first layer reads; {@code given}
     * (may be null) wins over what the configuration tells.
     */
    static Input input(Dl4jNet.Node first, Shape given, String name) {
        Layout layout;
        Shape inferred = null;
        org.deeplearning4j.nn.conf.layers.Layer conf = first.conf();
        if (first.pre instanceof FeedForwardToCnnPreProcessor p) {
            layout = Layout.FLAT_CHW;
            inferred = Shape.ofLongs(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        } else if (first.pre instanceof CnnToFeedForwardPreProcessor p) {
            layout = p.getFormat() == CNN2DFormat.NHWC ? Layout.NHWC : Layout.NCHW;
            inferred = Shape.ofLongs(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        } else if (first.pre != null) {
            layout = Layout.AS_IS;
        } else if (LayerConfigs.cnnFormat(conf) != null) {
            layout = LayerConfigs.cnnFormat(conf) == CNN2DFormat.NHWC ? Layout.NHWC : Layout.NCHW;
        } else if (LayerConfigs.rnnFormat(conf) != null) {
            layout = LayerConfigs.rnnFormat(conf) == RNNFormat.NWC ? Layout.NWC : Layout.NCW;
            if (conf instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
                inferred = Shape.ofLongs(-1, ff.getNIn());
            }
        } else if (conf instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
            layout = Layout.FLAT;
            inferred = Shape.ofLongs(ff.getNIn());
        } else {
            layout = Layout.AS_IS;
        }
        Shape shape = given != null ? given : inferred;
        if (shape == null) {
            throw new ModelException(
                    "Cannot tell the input shape of model '" + name + "' from its configuration (first layer '"
                            + first.name + "' is a "
                            + (conf == null ? "preprocessor" : conf.getClass().getSimpleName())
                            + "); give it channels-last, e.g. Dl4jModel.builder(network).inputShape(28, 28, 1)"
                            + " or Dl4jModel.load(zip, 28, 28, 1)");
        }
        int expectedRank = switch (layout) {
            case NCHW, NHWC, FLAT_CHW -> 3;
            case NCW, NWC -> 2;
            case FLAT -> 1;
            default -> shape.rank();
        };
        if (shape.rank() != expectedRank) {
            throw new ModelException("Input shape " + shape + " given for model '" + name + "' has rank " + shape.rank()
                    + " but its first layer '" + first.name + "' expects rank " + expectedRank + " per sample"
                    + (expectedRank == 3 ? " (height, width, channels)" : ""));
        }
        return new Input(layout, shape);
    }

    /** The layout of a node's output of {@code rank}, from its configuration or the layout it reads. */
    static Layout of(Dl4jNet.Node node, int rank, Layout in) {
        switch (rank) {
            case 2:
                return Layout.FLAT;
            case 4: {
                CNN2DFormat f = LayerConfigs.cnnFormat(node.conf());
                if (f == null && LayerConfigs.flatToImage(node.pre)) {
                    return Layout.NCHW; // FeedForwardToCnnPreProcessor makes NCHW images
                }
                if (f != null) {
                    return f == CNN2DFormat.NHWC ? Layout.NHWC : Layout.NCHW;
                }
                return in == Layout.NHWC ? Layout.NHWC : Layout.NCHW;
            }
            case 3: {
                RNNFormat f = LayerConfigs.rnnFormat(node.conf());
                if (f != null) {
                    return f == RNNFormat.NWC ? Layout.NWC : Layout.NCW;
                }
                return in == Layout.NWC ? Layout.NWC : Layout.NCW;
            }
            default:
                return Layout.AS_IS;
        }
    }
}
