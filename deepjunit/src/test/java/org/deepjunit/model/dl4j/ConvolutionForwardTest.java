package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * {@link ConvolutionForward} against DL4J's own layer ({@code activate(x, false)}, im2col and a matrix product in
 * Java), with random weights, biases and inputs, in float64 and float32. The same tests run with ND4J's oneDNN
 * natives in the {@code dl4j-onednn} profile, where the op runs on oneDNN.
 */
class ConvolutionForwardTest {

    @ParameterizedTest(name = "{0} k={1}x{2} pad={3},{4} stride={5},{6} {7} {8} bias={9} {10}x{11}")
    @CsvSource({
        "Same,     3, 3, 0, 0, 1, 1, RELU,      NHWC, true,  9,  9",
        "Same,     2, 4, 0, 0, 2, 1, TANH,      NCHW, true,  11, 9",
        "Same,     3, 3, 0, 0, 2, 3, LEAKYRELU, NHWC, false, 10, 7",
        "Truncate, 5, 3, 2, 1, 2, 1, SIGMOID,   NCHW, false, 11, 9",
        "Truncate, 3, 3, 0, 0, 3, 3, IDENTITY,  NHWC, true,  13, 12",
        "Truncate, 4, 4, 1, 1, 1, 1, RELU,      NCHW, true,  9,  9",
    })
    void equalsDl4jsOwnLayer(
            ConvolutionMode mode,
            int kH,
            int kW,
            int padH,
            int padW,
            int sH,
            int sW,
            Activation activation,
            CNN2DFormat format,
            boolean bias,
            int h,
            int w) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            ConvolutionLayer conf = new ConvolutionLayer.Builder(kH, kW)
                    .nOut(4)
                    .convolutionMode(mode)
                    .padding(padH, padW)
                    .stride(sH, sW)
                    .activation(activation)
                    .hasBias(bias)
                    .dataFormat(format)
                    .build();
            Layer layer = oneLayer(conf, type, InputType.convolutional(h, w, 3, format));
            assertThat(ConvolutionForward.applies(layer))
                    .as("takes the op's path")
                    .isTrue();
            long[] shape = format == CNN2DFormat.NHWC ? new long[] {2, h, w, 3} : new long[] {2, 3, h, w};
            INDArray x = random(type, 7, shape);

            INDArray expected = layer.activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces())
                    .dup();
            INDArray actual = ConvolutionForward.activate(layer, x, LayerWorkspaceMgr.noWorkspaces());

            assertThat(actual.shape()).isEqualTo(expected.shape());
            double scale = expected.amaxNumber().doubleValue();
            assertThat(scale).as("a non-trivial output").isGreaterThan(0.1);
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            assertThat(actual.castTo(DataType.DOUBLE)
                            .sub(expected.castTo(DataType.DOUBLE))
                            .amaxNumber()
                            .doubleValue())
                    .as("%s: max difference relative to max |output| %s", type, scale)
                    .isLessThan(tolerance * scale);
        }
    }

    /** The dl4j-onednn profile sets {@code deepjunit.test.onednn}: its run must be on the oneDNN natives. */
    @Test
    void runsOnTheNativesTheBuildChose() {
        Nd4j.create(1); // loads the backend
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertThat(build.contains("HAVE_ONEDNN"))
                .as("oneDNN in ND4J's native build:%n%s", build)
                .isEqualTo(Boolean.getBoolean("deepjunit.test.onednn"));
    }

    @Test
    void leavesOtherConvolutionsStrictModeAndDilationToDl4j() {
        InputType in = InputType.convolutional(8, 8, 2, CNN2DFormat.NCHW);
        assertThat(ConvolutionForward.applies(oneLayer(
                        new ConvolutionLayer.Builder(3, 3)
                                .nOut(2)
                                .dilation(1, 2)
                                .build(),
                        DataType.FLOAT,
                        in)))
                .isFalse();
        assertThat(ConvolutionForward.applies(oneLayer(
                        new ConvolutionLayer.Builder(3, 3)
                                .nOut(2)
                                .convolutionMode(ConvolutionMode.Strict)
                                .stride(1, 1)
                                .build(),
                        DataType.FLOAT,
                        in)))
                .isFalse();
        assertThat(ConvolutionForward.applies(
                        oneLayer(new Deconvolution2D.Builder(3, 3).nOut(2).build(), DataType.FLOAT, in)))
                .isFalse();
        assertThat(ConvolutionForward.applies(oneLayer(
                        new DepthwiseConvolution2D.Builder(3, 3)
                                .depthMultiplier(1)
                                .build(),
                        DataType.FLOAT,
                        in)))
                .isFalse();
    }

    @Test
    void anInputDl4jWouldRejectGetsDl4jsError() {
        Layer layer = oneLayer(
                new ConvolutionLayer.Builder(3, 3).nOut(2).build(),
                DataType.FLOAT,
                InputType.convolutional(8, 8, 2, CNN2DFormat.NCHW));
        INDArray threeChannels = random(DataType.FLOAT, 3, 1, 3, 8, 8);
        assertThatThrownBy(() -> ConvolutionForward.activate(layer, threeChannels, LayerWorkspaceMgr.noWorkspaces()))
                .hasMessageContaining("channels");
    }

    /** The first layer of a one-layer network with random weights and biases in [-1, 1). */
    private static Layer oneLayer(org.deeplearning4j.nn.conf.layers.Layer conf, DataType type, InputType in) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .dataType(type)
                .list()
                .layer(conf)
                .setInputType(in)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration);
        net.init();
        if (net.numParams() > 0) {
            net.setParams(random(type, 5, 1, net.numParams()));
        }
        return net.getLayer(0);
    }

    private static INDArray random(DataType type, long seed, long... shape) {
        Random random = new Random(seed);
        double[] values = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }
}
