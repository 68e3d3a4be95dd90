package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.model.LayerKind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max pooling's input gradient in Java against DL4J's own backpropagation (libnd4j's {@code maxpool2d_bp}), value for
 * value, on inputs with many equal values in a window (where the first largest must win) and windows that overlap
 * (where an input collects several outputs' gradients); and through whole networks against central finite
 * differences. Other pooling types are left to DL4J.
 */
class PoolingInputGradientTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @ParameterizedTest(name = "{0} in {1}x{2}, kernel {3}x{4}, stride {5}x{6}, dilation {7}, padding {8}, {9} {10}")
    @CsvSource({
        "Truncate, 28, 28, 2, 2, 2, 2, 1, 0, NCHW, FLOAT", // LeNet's
        "Truncate, 28, 28, 2, 2, 2, 2, 1, 0, NHWC, DOUBLE",
        "Truncate,  9,  8, 3, 3, 2, 2, 1, 1, NHWC, FLOAT", // padded, overlapping
        "Same,      7,  5, 3, 3, 1, 1, 1, 0, NCHW, FLOAT", // overlapping: an input is the largest of several windows
        "Same,      5,  7, 2, 2, 2, 2, 1, 0, NHWC, FLOAT", // odd sizes: padded at the bottom and right only
        "Same,      8,  7, 3, 2, 2, 2, 2, 0, NCHW, DOUBLE", // dilated, padded on every side
        "Truncate,  9,  9, 3, 2, 2, 3, 2, 0, NCHW, DOUBLE", // dilated, unequal kernel and strides
        "Strict,    8,  8, 2, 2, 2, 2, 1, 0, NHWC, DOUBLE",
        "Truncate,  8,  8, 2, 2, 3, 3, 1, 0, NCHW, FLOAT", // strides past the kernel: inputs in no window
    })
    void equalsDl4jsBackpropagation(
            ConvolutionMode mode,
            int inH,
            int inW,
            int kH,
            int kW,
            int sH,
            int sW,
            int dilation,
            int padding,
            CNN2DFormat format,
            DataType type) {
        int channels = 3;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(type)
                .list()
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .name("pool")
                        .kernelSize(kH, kW)
                        .stride(sH, sW)
                        .dilation(dilation, dilation)
                        .padding(padding, padding)
                        .convolutionMode(mode)
                        .dataFormat(format)
                        .build())
                .setInputType(InputType.convolutional(inH, inW, channels, format))
                .build());
        net.init();
        Layer layer = net.getLayer(0);
        long[] shape =
                format == CNN2DFormat.NHWC ? new long[] {4, inH, inW, channels} : new long[] {4, channels, inH, inW};
        // ReLU-like values on a coarse grid: most windows hold equal values, many of them zeros
        java.util.Random random = new java.util.Random(inH * 31L + kH);
        INDArray x = gaussian(random, shape, type);
        x = Transforms.floor(Transforms.relu(x.muli(4)), false).divi(2);
        INDArray out = layer.activate(x, false, NO_WORKSPACES);
        INDArray epsOut = gaussian(random, out.shape(), type);

        layer.setInput(x, NO_WORKSPACES);
        INDArray expected = layer.backpropGradient(epsOut.dup(), NO_WORKSPACES).getSecond();
        layer.setInput(x, NO_WORKSPACES);
        INDArray actual = PoolingInputGradient.compute(node(layer), epsOut);

        assertThat(actual).as("takes the Java path").isNotNull();
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(actual.dataType()).isEqualTo(type);
        assertThat(Dl4jTensors.doubles(actual)).containsExactly(Dl4jTensors.doubles(expected));
        assertThat(expected.amaxNumber().doubleValue())
                .as("a gradient that does not vanish")
                .isGreaterThan(0.1);
    }

    @ParameterizedTest
    @EnumSource(
            value = PoolingType.class,
            names = {"AVG", "SUM", "PNORM"})
    void leavesOtherPoolingToDl4j(PoolingType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new SubsamplingLayer.Builder(type)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .pnorm(2)
                        .build())
                .setInputType(InputType.convolutional(4, 4, 1))
                .build());
        net.init();
        assertThat(PoolingInputGradient.applies(net.getLayer(0))).isFalse();
    }

    @Test
    void leavesInputsAboveItsSizeLimitToDl4j() {
        int side = (int) Math.sqrt(PoolingInputGradient.MAX_VALUES) + 1;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .setInputType(InputType.convolutional(side, side, 1))
                .build());
        net.init();
        Layer layer = net.getLayer(0);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, side, side);
        INDArray epsOut = Nd4j.zeros(DataType.FLOAT, 1, 1, side / 2, side / 2);
        layer.setInput(x, NO_WORKSPACES);

        assertThat(PoolingInputGradient.compute(node(layer), epsOut)).isNull();
        // a row and a column fewer: exactly the limit, and the same output size
        INDArray limit = x.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(0, side - 1),
                        NDArrayIndex.interval(0, side - 1))
                .dup();
        layer.setInput(limit, NO_WORKSPACES);
        assertThat(PoolingInputGradient.compute(node(layer), epsOut)).isNotNull();
    }

    @ParameterizedTest(name = "{0} k={1} stride={2} {3}")
    @CsvSource({
        "Truncate, 2, 2, NCHW",
        "Truncate, 3, 2, NHWC",
        "Same,     3, 1, NCHW",
        "Same,     2, 2, NHWC",
    })
    void inputGradientMatchesFiniteDifferences(ConvolutionMode mode, int k, int stride, CNN2DFormat format) {
        MultiLayerNetwork net = convolutionThenPooling(mode, k, stride, format);
        assertThat(PoolingInputGradient.applies(net.getLayer(1))).isTrue();
        Dl4jTestNets.assertGradientMatchesFiniteDifferences(net, "pool", "pool", 31);
    }

    /** conv (3 channels, identity, so no ties) → max pooling as configured → dense → softmax output, in float64. */
    private static MultiLayerNetwork convolutionThenPooling(
            ConvolutionMode mode, int k, int stride, CNN2DFormat format) {
        MultiLayerConfiguration conf = Dl4jTestNets.withHead(new NeuralNetConfiguration.Builder()
                        .seed(13)
                        .dataType(DataType.DOUBLE)
                        .weightInit(WeightInit.XAVIER)
                        .convolutionMode(mode)
                        .list()
                        .layer(new ConvolutionLayer.Builder(3, 3)
                                .name("conv")
                                .nOut(3)
                                .activation(Activation.IDENTITY)
                                .dataFormat(format)
                                .build())
                        .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                                .name("pool")
                                .kernelSize(k, k)
                                .stride(stride, stride)
                                .dataFormat(format)
                                .build()))
                .setInputType(InputType.convolutional(9, 9, 2, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Standard normal values from {@code random} (ND4J's generator is one per JVM, shared by parallel tests). */
    private static INDArray gaussian(java.util.Random random, long[] shape, DataType type) {
        double[] values =
                new double[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    private static Dl4jNet.Node node(Layer layer) {
        return new Dl4jNet.Node("pool", LayerKind.POOLING, null, layer, false, 0, new int[0]);
    }
}
