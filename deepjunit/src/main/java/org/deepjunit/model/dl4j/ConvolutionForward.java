package org.deepjunit.model.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inference forward pass of a plain 2D convolution as libnd4j's {@code conv2d} op, then the layer's activation.
 * DL4J's own layer does im2col and a matrix product in Java: on LeNet-5 at batch 64 (two cores) its two convolutions
 * took 25 and 32 ms, the op 15 and 12 ms. With ND4J's oneDNN natives (the {@code linux-x86_64-onednn} classifier,
 * see README) the same op runs on oneDNN, 3 and 6 ms, and DL4J's layer is no faster. The layer keeps the input it
 * had: callers that need it for backpropagation set it themselves.
 */
final class ConvolutionForward {

    private ConvolutionForward() {}

    /**
     * Whether this pass computes the layer: a plain {@code ConvolutionLayer} in {@code Same} or {@code Truncate}
     * mode without dilation. {@code Strict} mode is left to DL4J, which checks that the input fits exactly; a
     * dilated convolution too, as on the oneDNN natives libnd4j's conv2d fails on it in float32.
     */
    static boolean applies(Layer layer) {
        if (!isPlainConvolution(layer)) {
            return false;
        }
        ConvolutionLayer conf = conv(layer);
        return (conf.getConvolutionMode() == ConvolutionMode.Same
                        || conf.getConvolutionMode() == ConvolutionMode.Truncate)
                && conf.getDilation()[0] == 1
                && conf.getDilation()[1] == 1;
    }

    /**
     * Any layer's inference output for {@code input}, allocated in the current workspace if any: through the op
     * where {@link #applies} holds, else through DL4J's {@code activate(input, false, mgr)}. An input DL4J would
     * reject (not rank 4, the wrong number of channels or data type) goes to DL4J's layer too, for its error message.
     */
    static INDArray activate(Layer layer, INDArray input, LayerWorkspaceMgr mgr) {
        if (!applies(layer)) {
            return layer.activate(input, false, mgr);
        }
        ConvolutionLayer conf = conv(layer);
        boolean nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        INDArray w = layer.getParam("W");
        if (input.rank() != 4 || input.size(nhwc ? 3 : 1) != w.size(1) || input.dataType() != w.dataType()) {
            return layer.activate(input, false, mgr);
        }
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(conf.getKernelSize()[0])
                .kW(conf.getKernelSize()[1])
                .sH(conf.getStride()[0])
                .sW(conf.getStride()[1])
                .pH(conf.getPadding()[0])
                .pW(conf.getPadding()[1])
                .paddingMode(conf.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(nhwc ? "NHWC" : "NCHW")
                .weightsFormat(WeightsFormat.OIYX) // DL4J's [out, in, kH, kW]
                .build();
        INDArray[] in = conf.hasBias()
                ? new INDArray[] {input, w, layer.getParam("b").reshape(w.size(0))}
                : new INDArray[] {input, w};
        INDArray z = Nd4j.exec(new Conv2D(in, null, config))[0];
        return conf.getActivationFn().getActivation(z, false);
    }

    /** A DL4J {@code ConvolutionLayer} itself, not one of its subclasses (1D, depthwise, separable, deconvolution). */
    static boolean isPlainConvolution(Layer layer) {
        return layer != null
                && layer.getClass() == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                && layer.conf().getLayer().getClass() == ConvolutionLayer.class;
    }

    static ConvolutionLayer conv(Layer layer) {
        return (ConvolutionLayer) layer.conf().getLayer();
    }
}
