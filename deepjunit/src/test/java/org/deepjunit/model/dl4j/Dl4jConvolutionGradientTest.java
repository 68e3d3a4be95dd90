package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.model.dl4j.Dl4jTestNets.finiteDifferences;
import static org.deepjunit.model.dl4j.Dl4jTestNets.relativeError;

import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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
        try (Dl4jModel model =
                Dl4jModel.builder(net).name("conv").inputShape(9, 9, 2).build()) {
            Tensor x = Dl4jTestNets.randomDoubles(29, 1.0, 2, 9, 9, 2);
            Objective objective = Objective.builder()
                    .logit(0, 1, 1.0)
                    .logit(1, 3, -0.7)
                    .neuron("conv", 1, 0.5)
                    .neuron(1, "conv2", 0, -1.5)
                    .build();
            double[] analytic = model.inputGradient(x, objective).toDoubleArray();
            double[] numeric =
                    finiteDifferences(model, x, objective, Dl4jTestNets.outputLayerLogits(net.getLayer(3), "fc"), 1e-6);
            assertThat(java.util.Arrays.stream(analytic).map(Math::abs).max().orElseThrow())
                    .as("gradient must not vanish")
                    .isGreaterThan(1e-3);
            assertThat(relativeError(analytic, numeric)).isLessThan(1e-7);
        }
    }

    /** conv (3 channels) → conv2 (2 channels), both as configured, → dense → softmax output, in float64. */
    private static MultiLayerNetwork twoConvolutions(
            ConvolutionMode mode, int k, int pad, int stride, int dilation, Activation activation, CNN2DFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(mode)
                .list()
                .layer(convolution("conv", 3, k, pad, stride, dilation, activation, format))
                .layer(convolution("conv2", 2, k, pad, stride, dilation, activation, format))
                .layer(new DenseLayer.Builder()
                        .name("fc")
                        .nOut(5)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
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
