package org.deepjunit.model.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The input gradient of a 2D convolution as one matrix product and libnd4j's {@code col2im}: with the output gradient
 * as a {@code [positions, out]} matrix and the weights as {@code [out, kH × kW × in]}, their product holds, per output
 * position, what it sends back to each input pixel of its window, which {@code col2im} adds up, for any stride,
 * dilation and padding. DL4J's {@code backpropGradient} also computes the weight gradient and recomputes the forward
 * pass, and libnd4j's {@code deconv2d} took 24 and 29 ms for LeNet-5's two convolutions at batch 64 on two cores. The
 * product is a plain {@code gemm} into a row-major array: ND4J's {@code mmul} of the same matrices took twice as long
 * (LeNet-5's first convolution at batch 64: 12.6 against 5.4 ms). Used only where it is exact: a plain
 * {@code ConvolutionLayer} in {@code Same}, {@code Truncate} or {@code Strict} mode with an activation whose
 * derivative the output gives (ReLU, identity); every other layer goes through DL4J's own backpropagation.
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
        long inH = input.size(nhwc ? 1 : 2);
        long inW = input.size(nhwc ? 2 : 3);
        Geometry at = Geometry.of(conf, w, gradZ.size(nhwc ? 1 : 2), gradZ.size(nhwc ? 2 : 3), inH, inW);
        // the product wants rows of output positions: channels last
        INDArray epsIn = channelsFirst(nhwc ? gradZ : gradZ.permute(0, 2, 3, 1), w, at, CHUNK_VALUES);
        return nhwc ? epsIn.permute(0, 2, 3, 1).dup('c') : epsIn;
    }

    /**
     * The input gradient {@code [batch, in, inH, inW]} of a convolution with DL4J weights {@code w} [out, in, kH, kW]
     * from dObjective/dz channels last ({@code [batch, outH, outW, out]}), computed a chunk of samples at a time, each
     * chunk's windows at most {@code chunkValues} (or one sample's).
     */
    static INDArray channelsFirst(INDArray gradZ, INDArray w, Geometry at, long chunkValues) {
        int batch = (int) gradZ.size(0);
        long outH = gradZ.size(1);
        long outW = gradZ.size(2);
        long channelsOut = w.size(0);
        long channelsIn = w.size(1);
        long kH = w.size(2);
        long kW = w.size(3);
        // weights as [out, kH × kW × in]: each product row is then one output position's window, channels fastest
        INDArray weights = w.permute(0, 2, 3, 1).dup('c').reshape('c', channelsOut, kH * kW * channelsIn);
        long perSample = outH * outW * kH * kW * channelsIn;
        int chunk = (int) Math.max(1, Math.min(batch, chunkValues / perSample));
        INDArray epsIn = null;
        for (int from = 0; from < batch; from += chunk) {
            int n = Math.min(batch, from + chunk) - from;
            INDArray rows = gradZ.get(NDArrayIndex.interval(from, from + n))
                    .dup('c')
                    .reshape('c', n * outH * outW, channelsOut);
            INDArray windows =
                    Nd4j.createUninitialized(gradZ.dataType(), new long[] {rows.size(0), weights.size(1)}, 'c');
            Nd4j.gemm(rows, weights, windows, false, false, 1.0, 0.0);
            INDArray part = Nd4j.createUninitialized(gradZ.dataType(), new long[] {n, channelsIn, at.inH, at.inW}, 'c');
            Nd4j.exec(DynamicCustomOp.builder("col2im")
                    // col2im reads [n, in, kH, kW, outH, outW]
                    .addInputs(windows.reshape('c', n, outH, outW, kH, kW, channelsIn)
                            .permute(0, 5, 3, 4, 1, 2))
                    .addOutputs(part)
                    .addIntegerArguments(at.sH, at.sW, at.padTop, at.padLeft, at.inH, at.inW, at.dH, at.dW, 0)
                    .build());
            if (chunk >= batch) {
                return part;
            }
            if (epsIn == null) {
                epsIn = Nd4j.create(gradZ.dataType(), batch, channelsIn, at.inH, at.inW);
            }
            epsIn.get(NDArrayIndex.interval(from, from + n)).assign(part);
        }
        return epsIn;
    }

    /** Strides, dilation, the input's size and the padding on its top and left, as the forward pass used them. */
    record Geometry(int sH, int sW, int dH, int dW, int inH, int inW, int padTop, int padLeft) {

        static Geometry of(ConvolutionLayer conf, INDArray w, long outH, long outW, long inH, long inW) {
            int[] s = conf.getStride();
            int[] d = conf.getDilation();
            int[] p = conf.getPadding();
            boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
            return new Geometry(
                    s[0],
                    s[1],
                    d[0],
                    d[1],
                    (int) inH,
                    (int) inW,
                    same ? samePadding(outH, inH, w.size(2), s[0], d[0]) : p[0],
                    same ? samePadding(outW, inW, w.size(3), s[1], d[1]) : p[1]);
        }

        /** Same mode's top (left) padding, as DL4J and libnd4j compute it: any odd extra goes to the bottom (right). */
        static int samePadding(long out, long in, long kernel, int stride, int dilation) {
            long effectiveKernel = (kernel - 1) * dilation + 1;
            return (int) Math.max(0, ((out - 1) * stride + effectiveKernel - in) / 2);
        }
    }

    /** Whether a layer's input gradient is this product and {@code col2im}: see the class comment. */
    static boolean applies(org.deeplearning4j.nn.api.Layer layer) {
        if (!ConvolutionForward.isPlainConvolution(layer)) {
            return false;
        }
        ConvolutionLayer conf = ConvolutionForward.conv(layer);
        ConvolutionMode mode = conf.getConvolutionMode();
        return (mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict)
                && derivativeFromOutput(conf.getActivationFn());
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
