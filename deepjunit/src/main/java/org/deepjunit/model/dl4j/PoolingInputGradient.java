package org.deepjunit.model.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input gradient of 2D max pooling in one Java pass: each output's gradient goes to the first largest input of its
 * window (rows, then columns; a window's positions in the padding are never in it), added in output order, in the
 * layer's type, as libnd4j's {@code maxpool2d_bp} does. That op, which DL4J's backpropagation calls, took 8.5–11 ms
 * for LeNet-5's first pooling at batch 64 on two cores (0.6–0.7 ms forward), this pass about 3 ms. Used for a plain
 * {@code SubsamplingLayer} with MAX pooling in {@code Same}, {@code Truncate} or {@code Strict} mode, in float32 or
 * float64, whose padding leaves every window a position in the input, on inputs of up to {@value #MAX_VALUES} values
 * (the pass holds up to 28 bytes per value on the heap); every other layer goes through DL4J.
 */
final class PoolingInputGradient {

    static final long MAX_VALUES = 1L << 22;

    private PoolingInputGradient() {}

    /**
     * dObjective/dInput, or null where this pass does not apply (the caller then uses DL4J's backpropagation).
     *
     * @param node   a node whose layer has its input set by the forward pass
     * @param epsOut dObjective/dOutput
     */
    static INDArray compute(Dl4jNet.Node node, INDArray epsOut) {
        if (!applies(node.layer)) {
            return null;
        }
        SubsamplingLayer conf = (SubsamplingLayer) node.conf();
        INDArray input = node.layer.input();
        DataType type = input == null ? null : input.dataType();
        if (input == null
                || input.length() > MAX_VALUES
                || input.rank() != 4
                || epsOut.rank() != 4
                || type != DataType.FLOAT && type != DataType.DOUBLE) {
            return null;
        }
        Window at = Window.of(conf, input.shape(), epsOut.shape());
        if (at == null) {
            return null;
        }
        if (type == DataType.FLOAT) {
            float[] values = Dl4jTensors.floats(input);
            double[] widened = new double[values.length]; // faster than ND4J's cast, and exact
            for (int i = 0; i < values.length; i++) {
                widened[i] = values[i];
            }
            // libnd4j starts each window's search from the type's lowest finite value
            int[] first = at.firstMaxima(widened, -Float.MAX_VALUE);
            float[] gradOut = Dl4jTensors.floats(epsOut);
            float[] gradIn = new float[values.length];
            for (int o = 0; o < first.length; o++) {
                gradIn[first[o]] += gradOut[o];
            }
            return Dl4jTensors.of(gradIn, input.shape());
        }
        double[] values = Dl4jTensors.doubles(input);
        int[] first = at.firstMaxima(values, -Double.MAX_VALUE);
        double[] gradOut = Dl4jTensors.doubles(epsOut);
        double[] gradIn = new double[values.length];
        for (int o = 0; o < first.length; o++) {
            gradIn[first[o]] += gradOut[o];
        }
        return Dl4jTensors.of(gradIn, input.shape());
    }

    /** Whether a layer may take this pass: see the class comment (its input and geometry are checked per call). */
    static boolean applies(org.deeplearning4j.nn.api.Layer layer) {
        if (layer == null
                || layer.getClass() != org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class
                || !(layer.conf().getLayer() instanceof SubsamplingLayer conf)) {
            return false;
        }
        ConvolutionMode mode = conf.getConvolutionMode();
        return conf.getPoolingType() == PoolingType.MAX
                && (mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict);
    }

    /**
     * One pooling's geometry over row-major arrays in either layout: the input and output sizes, kernel, strides,
     * dilation, and the padding on the top and left.
     */
    record Window(
            int batch,
            int channels,
            int inH,
            int inW,
            int outH,
            int outW,
            int kH,
            int kW,
            int sH,
            int sW,
            int dH,
            int dW,
            int padTop,
            int padLeft,
            boolean nhwc) {

        /** The geometry of one call, or null when the output's size is not what the configuration gives. */
        static Window of(SubsamplingLayer conf, long[] in, long[] out) {
            boolean nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
            int h = nhwc ? 1 : 2;
            int c = nhwc ? 3 : 1;
            int[] k = conf.getKernelSize();
            int[] s = conf.getStride();
            int[] d = conf.getDilation();
            int[] p = conf.getPadding();
            boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
            int inH = Math.toIntExact(in[h]);
            int inW = Math.toIntExact(in[h + 1]);
            int outH = Math.toIntExact(out[h]);
            int outW = Math.toIntExact(out[h + 1]);
            Window w = new Window(
                    Math.toIntExact(in[0]),
                    Math.toIntExact(in[c]),
                    inH,
                    inW,
                    outH,
                    outW,
                    k[0],
                    k[1],
                    s[0],
                    s[1],
                    d[0],
                    d[1],
                    same ? ConvolutionInputGradient.Geometry.samePadding(outH, inH, k[0], s[0], d[0]) : p[0],
                    same ? ConvolutionInputGradient.Geometry.samePadding(outW, inW, k[1], s[1], d[1]) : p[1],
                    nhwc);
            boolean fits = out[0] == in[0]
                    && out[c] == in[c]
                    && outH == outputSize(inH, k[0], s[0], d[0], w.padTop, same)
                    && outW == outputSize(inW, k[1], s[1], d[1], w.padLeft, same)
                    && w.padTop < effective(k[0], d[0])
                    && w.padLeft < effective(k[1], d[1]);
            return fits ? w : null;
        }

        private static int effective(int kernel, int dilation) {
            return (kernel - 1) * dilation + 1;
        }

        private static int outputSize(int in, int kernel, int stride, int dilation, int pad, boolean same) {
            return same ? (in + stride - 1) / stride : (in + 2 * pad - effective(kernel, dilation)) / stride + 1;
        }

        /**
         * Per output, in row-major order of the output, the row-major index of its window's first largest input:
         * the first above {@code lowest}, scanning rows then columns, or the window's first position if none is.
         */
        int[] firstMaxima(double[] in, double lowest) {
            int rowStep = nhwc ? inW * channels : inW;
            int columnStep = nhwc ? channels : 1;
            // per output position of a plane: its window's first input and the offsets of its inputs from there
            int positions = outH * outW;
            int[] origin = new int[positions];
            int[][] offsets = new int[positions][];
            for (int oh = 0, pos = 0; oh < outH; oh++) {
                int h0 = start(oh * sH - padTop, dH);
                int h1 = end(oh * sH - padTop + effective(kH, dH), inH, dH);
                for (int ow = 0; ow < outW; ow++, pos++) {
                    int w0 = start(ow * sW - padLeft, dW);
                    int w1 = end(ow * sW - padLeft + effective(kW, dW), inW, dW);
                    origin[pos] = h0 * rowStep + w0 * columnStep;
                    offsets[pos] = new int[((h1 - h0 + dH - 1) / dH) * ((w1 - w0 + dW - 1) / dW)];
                    int k = 0;
                    for (int ih = h0; ih < h1; ih += dH) {
                        for (int iw = w0; iw < w1; iw += dW) {
                            offsets[pos][k++] = (ih - h0) * rowStep + (iw - w0) * columnStep;
                        }
                    }
                }
            }
            int channelStep = nhwc ? 1 : inH * inW;
            int outChannelStep = nhwc ? 1 : positions;
            int outPositionStep = nhwc ? channels : 1;
            int[] first = new int[batch * channels * positions];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < channels; c++) {
                    int plane = b * channels * inH * inW + c * channelStep;
                    int outPlane = b * channels * positions + c * outChannelStep;
                    for (int pos = 0; pos < positions; pos++) {
                        int from = plane + origin[pos];
                        int best = from;
                        double max = lowest;
                        for (int offset : offsets[pos]) {
                            double v = in[from + offset];
                            if (v > max) {
                                max = v;
                                best = from + offset;
                            }
                        }
                        first[outPlane + pos * outPositionStep] = best;
                    }
                }
            }
            return first;
        }

        /** A window's first row (column) in the input: past the padding, on the dilation's grid. */
        private static int start(int from, int dilation) {
            return from >= 0 ? from : from + dilation * ((-from + dilation - 1) / dilation);
        }

        /** One past a window's last row (column) in the input, on the dilation's grid. */
        private static int end(int to, int size, int dilation) {
            return to <= size ? to : to - dilation * ((to - size + dilation - 1) / dilation);
        }
    }
}
