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

/**
 * The input gradient of a stride-1 2D convolution as one transposed convolution (libnd4j's {@code deconv2d}) of the
 * output gradient with the layer's weights. DL4J's {@code backpropGradient} also computes the weight gradient and
 * recomputes the forward pass, orchestrated from Java; on DeepXplore's LeNet-5 this is 2–3× faster per convolution
 * with the same result. Used only where it is exact: a plain {@code ConvolutionLayer}, stride and dilation 1, an odd
 * kernel in {@code Same} mode or explicit padding otherwise, and an activation whose derivative the output gives (ReLU,
 * identity); every other layer goes through DL4J's own backpropagation.
 */
final class ConvolutionInputGradient {

    /** libnd4j's weight layout [oC, iC, kH, kW] for deconv2d: DL4J's [out, in, kH, kW] read as [in', out', kH, kW]. */
    private static final int WEIGHTS_OIHW = 1;

    private ConvolutionInputGradient() {}

    /**
     * dObjective/dInput, or null where this shortcut does not apply (the caller then uses DL4J's backpropagation).
     *
     * @param node   a node whose layer has its input set by the forward pass
     * @param out    the layer's output (after its activation)
     * @param epsOut dObjective/dOutput
     */
    static INDArray compute(Dl4jNet.Node node, INDArray out, INDArray epsOut) {
        if (!applies(node.layer, node.conf())) {
            return null;
        }
        ConvolutionLayer conf = (ConvolutionLayer) node.conf();
        int[] k = conf.getKernelSize();
        int[] padding = conf.getPadding();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        INDArray input = node.layer.input();
        if (input == null || input.rank() != 4) {
            return null;
        }
        INDArray gradZ = outputToPreActivation(conf.getActivationFn(), out, epsOut);
        INDArray epsIn = Nd4j.createUninitialized(epsOut.dataType(), input.shape());
        int nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC ? 1 : 0;
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(gradZ, node.layer.getParam("W").castTo(epsOut.dataType()))
                .addOutputs(epsIn)
                .addIntegerArguments(new int[] {
                    k[0],
                    k[1],
                    1,
                    1,
                    same ? 0 : padding[0],
                    same ? 0 : padding[1],
                    1,
                    1,
                    same ? 1 : 0,
                    nhwc,
                    WEIGHTS_OIHW
                })
                .build());
        return epsIn;
    }

    /** Whether a layer's input gradient is one transposed convolution: see the class comment. */
    static boolean applies(org.deeplearning4j.nn.api.Layer layer, org.deeplearning4j.nn.conf.layers.Layer layerConf) {
        if (layer == null
                || layer.getClass() != org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                || !(layerConf instanceof ConvolutionLayer conf)) {
            return false;
        }
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
