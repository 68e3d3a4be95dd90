package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The product-and-scatter input gradient against libnd4j's own transposed convolution ({@code deconv2d}) in float64,
 * whole and a sample at a time (the chunks a large layer is split into), on padded and unpadded kernels of unequal
 * height and width.
 */
class ConvolutionInputGradientTest {

    @ParameterizedTest(name = "in {0}x{1}, kernel {2}x{3}, padding {4},{5}, same {6}")
    @CsvSource({
        "7, 6, 3, 5, 1, 2, true", // Same mode: the output has the input's size
        "7, 6, 3, 3, 0, 0, false", // no padding: the output is smaller
        "5, 8, 3, 5, 2, 1, false", // explicit padding, wider than Same's
    })
    void equalsLibnd4jsTransposedConvolution(int inH, int inW, int kH, int kW, int padTop, int padLeft, boolean same) {
        int batch = 3;
        int in = 4;
        int out = 5;
        int outH = same ? inH : inH + 2 * padTop - kH + 1;
        int outW = same ? inW : inW + 2 * padLeft - kW + 1;
        Nd4j.getRandom().setSeed(17);
        INDArray gradZ = Nd4j.randn(DataType.DOUBLE, batch, outH, outW, out);
        INDArray w = Nd4j.randn(DataType.DOUBLE, out, in, kH, kW);
        long[] inShape = {batch, inH, inW, in};

        INDArray whole = ConvolutionInputGradient.channelsLast(gradZ, w, inShape, padTop, padLeft, Long.MAX_VALUE);
        INDArray bySample = ConvolutionInputGradient.channelsLast(gradZ, w, inShape, padTop, padLeft, 1);
        INDArray reference = Nd4j.create(DataType.DOUBLE, inShape);
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(gradZ, w)
                .addOutputs(reference)
                .addIntegerArguments(
                        new int[] {kH, kW, 1, 1, same ? 0 : padTop, same ? 0 : padLeft, 1, 1, same ? 1 : 0, 1, 1})
                .build());

        assertThat(reference.norm2Number().doubleValue())
                .as("a gradient that does not vanish")
                .isGreaterThan(1);
        assertThat(whole.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(bySample.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-12);
    }
}
