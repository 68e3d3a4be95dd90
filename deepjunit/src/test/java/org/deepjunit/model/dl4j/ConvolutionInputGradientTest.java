package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The product-and-col2im input gradient against libnd4j's own transposed convolution ({@code deconv2d}, which also
 * works out Same mode's padding itself) in float64, whole and a sample at a time (the chunks a large layer is split
 * into), on padded and unpadded kernels of unequal height and width, strided and dilated.
 */
class ConvolutionInputGradientTest {

    @ParameterizedTest(name = "in {0}x{1}, kernel {2}x{3}, padding {4},{5}, stride {6}, dilation {7}, same {8}")
    @CsvSource({
        "7, 6, 3, 5, 0, 0, 1, 1, true", // Same mode: the output has the input's size
        "7, 6, 3, 3, 0, 0, 1, 1, false", // no padding: the output is smaller
        "5, 8, 3, 5, 2, 1, 1, 1, false", // explicit padding, wider than Same's
        "8, 6, 2, 4, 0, 0, 2, 1, true", // Same with even kernels and stride 2: padded more at the bottom and right
        "9, 7, 3, 3, 1, 1, 2, 2, false", // strided and dilated
    })
    void equalsLibnd4jsTransposedConvolution(
            int inH, int inW, int kH, int kW, int padTop, int padLeft, int stride, int dilation, boolean same) {
        int batch = 3;
        int in = 4;
        int out = 5;
        int outH = same ? (inH + stride - 1) / stride : (inH + 2 * padTop - (kH - 1) * dilation - 1) / stride + 1;
        int outW = same ? (inW + stride - 1) / stride : (inW + 2 * padLeft - (kW - 1) * dilation - 1) / stride + 1;
        Nd4j.getRandom().setSeed(17);
        INDArray gradZ = Nd4j.randn(DataType.DOUBLE, batch, outH, outW, out);
        INDArray w = Nd4j.randn(DataType.DOUBLE, out, in, kH, kW);
        ConvolutionInputGradient.Geometry at = new ConvolutionInputGradient.Geometry(
                stride,
                stride,
                dilation,
                dilation,
                inH,
                inW,
                same ? ConvolutionInputGradient.Geometry.samePadding(outH, inH, kH, stride, dilation) : padTop,
                same ? ConvolutionInputGradient.Geometry.samePadding(outW, inW, kW, stride, dilation) : padLeft);

        INDArray whole = ConvolutionInputGradient.channelsFirst(gradZ, w, at, Long.MAX_VALUE);
        INDArray bySample = ConvolutionInputGradient.channelsFirst(gradZ, w, at, 1);
        INDArray reference = Nd4j.create(DataType.DOUBLE, batch, inH, inW, in);
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(gradZ, w)
                .addOutputs(reference)
                .addIntegerArguments(new int[] {
                    kH,
                    kW,
                    stride,
                    stride,
                    same ? 0 : padTop,
                    same ? 0 : padLeft,
                    dilation,
                    dilation,
                    same ? 1 : 0,
                    1, // NHWC
                    1 // weights [out, in, kH, kW]
                })
                .build());
        INDArray expected = reference.permute(0, 3, 1, 2);

        assertThat(expected.norm2Number().doubleValue())
                .as("a gradient that does not vanish")
                .isGreaterThan(1);
        assertThat(whole.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(bySample.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }
}
