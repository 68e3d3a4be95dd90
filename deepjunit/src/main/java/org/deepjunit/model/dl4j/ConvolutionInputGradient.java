package org.deepjunit.model.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The input gradient of a stride-1 2D convolution as one matrix product and a scatter: with the output gradient as a
 * {@code [positions, out]} matrix and the weights as {@code [out, kH × kW × in]}, their product holds, per output
 * position, what it sends back to each input pixel of its window, which the scatter adds up (col2im). DL4J's
 * {@code backpropGradient} also computes the weight gradient and recomputes the forward pass, and libnd4j's
 * {@code deconv2d} took 24 and 29 ms for LeNet-5's two convolutions at batch 64 on two cores: with the product (BLAS)
 * and the scatter, LeNet-5's whole input gradient went from 179–185 to 106–117 ms. Used only where it is exact: a
 * plain {@code ConvolutionLayer}, stride and dilation 1, an odd kernel in {@code Same} mode or explicit padding
 * otherwise, and an activation whose derivative the output gives (ReLU, identity); every other layer goes through
 * DL4J's own backpropagation.
 */
final class ConvolutionInputGradient {

    /** Window values per chunk of samples (32 MiB of doubles), so that a large layer never needs one huge array. */
    static final long CHUNK_VALUES = 1L << 22;

    private ConvolutionInputGradient() {}

    /**
     * dObjective/dInput, or null where this shortcut does not apply (the caller then uses DL4J's backpropagation).
     *
     * @param node   a node whose layer has its input set by the forward pass
     * @param out    the layer's output (after its activation)
     * @param epsOut dObjective/dOutput
     */
    static INDArray compute(Dl4jNet.Node node, INDArray out, INDArray epsOut) {
        if (!applies(node.layer)) {
            return null;
        }
        ConvolutionLayer conf = ConvolutionForward.conv(node.layer);
        INDArray input = node.layer.input();
        if (input == null || input.rank() != 4) {
            return null;
        }
        boolean nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        INDArray gradZ = outputToPreActivation(conf.getActivationFn(), out, epsOut);
        INDArray w = node.layer.getParam("W").castTo(epsOut.dataType());
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int padTop = same ? (int) (w.size(2) - 1) / 2 : conf.getPadding()[0];
        int padLeft = same ? (int) (w.size(3) - 1) / 2 : conf.getPadding()[1];
        // channels last: [batch, h, w, channels], so that rows of positions are contiguous
        INDArray epsIn = channelsLast(
                nhwc ? gradZ : gradZ.permute(0, 2, 3, 1),
                w,
                nhwc ? input.shape() : input.permute(0, 2, 3, 1).shape(),
                padTop,
                padLeft,
                CHUNK_VALUES);
        return nhwc ? epsIn : epsIn.permute(0, 3, 1, 2).dup('c');
    }

    /**
     * The input gradient, channels last ({@code inShape} = [batch, h, w, in]), of a stride-1 convolution with DL4J
     * weights {@code w} [out, in, kH, kW] and the given top and left padding, from dObjective/dz channels last;
     * computed a chunk of samples at a time, each chunk's windows at most {@code chunkValues} (or one sample's).
     */
    static INDArray channelsLast(
            INDArray gradZ, INDArray w, long[] inShape, int padTop, int padLeft, long chunkValues) {
        int batch = (int) gradZ.size(0);
        int outH = (int) gradZ.size(1);
        int outW = (int) gradZ.size(2);
        int channelsOut = (int) w.size(0);
        int channelsIn = (int) w.size(1);
        int kH = (int) w.size(2);
        int kW = (int) w.size(3);
        // weights as [out, kH × kW × in]: a window row then runs over channels fastest, as the input does
        INDArray weights = w.permute(0, 2, 3, 1).dup('c').reshape('c', channelsOut, (long) kH * kW * channelsIn);
        Geometry at = new Geometry(outH, outW, (int) inShape[1], (int) inShape[2], channelsIn, kH, kW, padTop, padLeft);
        INDArray epsIn = Nd4j.create(gradZ.dataType(), inShape, 'c');
        long perSample = (long) outH * outW * kH * kW * channelsIn;
        int chunk = (int) Math.max(1, Math.min(batch, chunkValues / perSample));
        for (int from = 0; from < batch; from += chunk) {
            int to = Math.min(batch, from + chunk);
            INDArray rows = gradZ.get(NDArrayIndex.interval(from, to))
                    .dup('c')
                    .reshape('c', (long) (to - from) * outH * outW, channelsOut);
            double[] eps = at.scatter(Dl4jTensors.doubles(rows.mmul(weights)), to - from);
            epsIn.get(NDArrayIndex.interval(from, to))
                    .assign(Nd4j.create(eps, new long[] {to - from, inShape[1], inShape[2], channelsIn}, 'c')
                            .castTo(gradZ.dataType()));
        }
        return epsIn;
    }

    /** Where each output position's window lands in the input. */
    private record Geometry(
            int outH, int outW, int inH, int inW, int channels, int kH, int kW, int padTop, int padLeft) {

        /**
         * col2im: adds each output position's window row {@code [kH × kW × in]} into the input pixels it covers,
         * channels last, skipping the padding. Within a kernel row the pixels covered are contiguous, so each is one
         * loop the JIT vectorises.
         */
        double[] scatter(double[] windows, int samples) {
            int row = kH * kW * channels;
            double[] eps = new double[samples * inH * inW * channels];
            for (int n = 0; n < samples; n++) {
                for (int y = 0; y < outH; y++) {
                    for (int x = 0; x < outW; x++) {
                        int from = ((n * outH + y) * outW + x) * row;
                        int kx0 = Math.max(0, padLeft - x);
                        int kx1 = Math.min(kW, inW + padLeft - x);
                        int length = (kx1 - kx0) * channels;
                        for (int ky = 0; ky < kH; ky++) {
                            int iy = y + ky - padTop;
                            if (iy < 0 || iy >= inH || length <= 0) {
                                continue;
                            }
                            int to = ((n * inH + iy) * inW + x + kx0 - padLeft) * channels;
                            int at = from + (ky * kW + kx0) * channels;
                            for (int i = 0; i < length; i++) {
                                eps[to + i] += windows[at + i];
                            }
                        }
                    }
                }
            }
            return eps;
        }
    }

    /** Whether a layer's input gradient is this product and scatter: see the class comment. */
    static boolean applies(org.deeplearning4j.nn.api.Layer layer) {
        if (!ConvolutionForward.isPlainConvolution(layer)) {
            return false;
        }
        ConvolutionLayer conf = ConvolutionForward.conv(layer);
        int[] k = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        ConvolutionMode mode = conf.getConvolutionMode();
        if (stride[0] != 1 || stride[1] != 1 || dilation[0] != 1 || dilation[1] != 1) {
            return false;
        }
        // even kernels pad asymmetrically in Same mode; Causal pads one side
        boolean padsSymmetrically = mode == ConvolutionMode.Same
                ? k[0] % 2 == 1 && k[1] % 2 == 1
                : mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict;
        return padsSymmetrically && derivativeFromOutput(conf.getActivationFn());
    }

    private static boolean derivativeFromOutput(IActivation activation) {
        return activation instanceof ActivationIdentity
                || activation instanceof ActivationReLU relu
                        && relu.getMax() == null
                        && (relu.getThreshold() == null || relu.getThreshold() == 0)
                        && (relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0);
    }

    /** dObjective/dz from dObjective/dOutput, for an activation whose derivative the output gives. */
    private static INDArray outputToPreActivation(IActivation activation, INDArray out, INDArray epsOut) {
        return activation instanceof ActivationIdentity
                ? epsOut
                : epsOut.mul(out.gt(0).castTo(epsOut.dataType()));
    }
}
