package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Input gradients through convolutions, against central finite differences in float64: the configurations whose
 * gradient is one transposed convolution ({@link ConvolutionInputGradient}: Same mode with even and odd kernels,
 * strides that leave rows over, dilation) and those left to DL4J's backpropagation, each asserted to take the path it
 * should.
 */
class Dl4jConvolutionGradientTest {

    @ParameterizedTest(name = "{0} k={1} pad={2} stride={3} dilation={4} {5} {6}: direct {7}")
    @CsvSource({
        "Same,     3, 0, 1, 1, RELU,     NCHW, true",
        "Same,     5, 0, 1, 1, RELU,     NHWC, true",
        "Same,     3, 0, 1, 1, IDENTITY, NHWC, true",
        "Truncate, 3, 0, 1, 1, IDENTITY, NCHW, true",
        "Truncate, 3, 1, 1, 1, RELU,     NHWC, true",
        "Strict,   3, 2, 1, 1, RELU,     NCHW, true",
        "Same,     2, 0, 1, 1, RELU,     NCHW, true",
        "Same,     4, 0, 2, 1, RELU,     NHWC, true",
        "Same,     3, 0, 2, 2, IDENTITY, NCHW, true",
        "Truncate, 3, 0, 2, 1, RELU,     NHWC, true",
        "Truncate, 2, 1, 3, 1, RELU,     NCHW, true",
        "Truncate, 2, 0, 2, 1, RELU,     NCHW, true", // the last row and column are never read
        "Truncate, 3, 0, 1, 2, RELU,     NCHW, true",
        "Same,     3, 0, 1, 1, TANH,     NHWC, false",
        "Truncate, 4, 0, 1, 1, RELU,     NHWC, true",
    })
    void matchesFiniteDifferences(
            ConvolutionMode mode,
            int k,
            int pad,
            int stride,
            int dilation,
            Activation activation,
            CNN2DFormat format,
            boolean direct) {
        MultiLayerNetwork net = twoConvolutions(mode, k, pad, stride, dilation, activation, format);
        assertThat(ConvolutionInputGradient.applies(net.getLayer(0)))
                .as("takes the transposed-convolution path")
                .isEqualTo(direct);
        Dl4jTestNets.assertGradientMatchesFiniteDifferences(net, "conv", "conv2", 29);
    }

    /** conv (3 channels) → conv2 (2 channels), both as configured, → dense → softmax output, in float64. */
    private static MultiLayerNetwork twoConvolutions(
            ConvolutionMode mode, int k, int pad, int stride, int dilation, Activation activation, CNN2DFormat format) {
        MultiLayerConfiguration conf = Dl4jTestNets.withHead(new NeuralNetConfiguration.Builder()
                        .seed(11)
                        .dataType(DataType.DOUBLE)
                        .weightInit(WeightInit.XAVIER)
                        .convolutionMode(mode)
                        .list()
                        .layer(convolution("conv", 3, k, pad, stride, dilation, activation, format))
                        .layer(convolution("conv2", 2, k, pad, stride, dilation, activation, format)))
                .setInputType(InputType.convolutional(9, 9, 2, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ConvolutionLayer convolution(
            String name, int out, int k, int pad, int stride, int dilation, Activation activation, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(k, k)
                .name(name)
                .nOut(out)
                .padding(pad, pad)
                .stride(stride, stride)
                .dilation(dilation, dilation)
                .activation(activation)
                .dataFormat(format)
                .build();
    }
}
