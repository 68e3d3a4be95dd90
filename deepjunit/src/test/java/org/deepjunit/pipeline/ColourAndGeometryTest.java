package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Colour and geometry stages against hand-computed values, and crop and pad against TensorFlow's {@code Slice}
 * and {@code PadV2} ops.
 */
class ColourAndGeometryTest {

    /** A [1, 2, 3, 3] image whose pixel (y, x) is (100y + 10x + 1, 100y + 10x + 2, 100y + 10x + 3). */
    private static Tensor rgbImage() {
        double[] values = new double[2 * 3 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    values[(y * 3 + x) * 3 + c] = 100 * y + 10 * x + c + 1;
                }
            }
        }
        return Tensor.of(values, 1, 2, 3, 3);
    }

    @Test
    void grayscaleUsesTensorFlowsWeights() {
        Tensor gray = Images.grayscale().apply(Tensor.of(new double[] {10, 20, 30, 255, 0, 0}, 1, 1, 2, 3));
        assertThat(gray.shape()).isEqualTo(Shape.of(1, 1, 2, 1));
        assertThat(gray.getDouble(0)).isCloseTo(0.2989 * 10 + 0.5870 * 20 + 0.1140 * 30, within(1e-12));
        assertThat(gray.getDouble(1)).isCloseTo(0.2989 * 255, within(1e-12));
        Tensor alreadyGray = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3, 1);
        assertThat(Images.grayscale().apply(alreadyGray)).isEqualTo(alreadyGray);
    }

    @Test
    void rgbRepeatsGrayAndPassesRgb() {
        Tensor rgb = Images.rgb().apply(Tensor.of(new float[] {7, 9}, 1, 1, 2, 1));
        assertThat(rgb.toFloatArray()).containsExactly(7, 7, 7, 9, 9, 9);
        assertThat(Images.rgb().apply(rgbImage())).isEqualTo(rgbImage());
    }

    @Test
    void bgrReversesChannels() {
        Tensor bgr = Images.bgr().apply(rgbImage());
        assertThat(bgr.getDouble(0, 1, 2, 0)).isEqualTo(123);
        assertThat(bgr.getDouble(0, 1, 2, 2)).isEqualTo(121);
        assertThat(Images.bgr().apply(bgr)).isEqualTo(rgbImage());
    }

    @Test
    void cropTakesTheWindowAtItsCorner() {
        Tensor crop = Images.crop(1, 1, 1, 2).apply(rgbImage());
        assertThat(crop.shape()).isEqualTo(Shape.of(1, 1, 2, 3));
        assertThat(crop.toDoubleArray()).containsExactly(111, 112, 113, 121, 122, 123);
    }

    @Test
    void centerCropFloorsTheOffsetAsKerasDoes() {
        // 5×4 → 2×1: top = ⌊(5 − 2) / 2⌋ = 1, left = ⌊(4 − 1) / 2⌋ = 1
        double[] values = new double[5 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Tensor crop = Images.centerCrop(2, 1).apply(Tensor.of(values, 1, 5, 4, 1));
        assertThat(crop.toDoubleArray()).containsExactly(5, 9);
    }

    @Test
    void padSurroundsWithTheValue() {
        Tensor padded = Images.pad(1, 0, 0, 2, -1).apply(Tensor.of(new float[] {4, 5}, 1, 1, 2, 1));
        assertThat(padded.shape()).isEqualTo(Shape.of(1, 2, 4, 1));
        assertThat(padded.toFloatArray()).containsExactly(-1, -1, -1, -1, 4, 5, -1, -1);
    }

    @Test
    void channelsFirstAndBack() {
        Tensor first = Images.toChannelsFirst().apply(rgbImage());
        assertThat(first.shape()).isEqualTo(Shape.of(1, 3, 2, 3));
        assertThat(first.getDouble(0, 2, 1, 0)).isEqualTo(103);
        assertThat(first.getDouble(0, 0, 0, 2)).isEqualTo(21);
        assertThat(Images.toChannelsLast().apply(first)).isEqualTo(rgbImage());
    }

    @Test
    void cropAndPadEqualTensorFlowsSliceAndPad() {
        Tensor images = ResizeAgainstTensorFlowTest.random(new Random(9), 2, 9, 7, 3);
        // Slice(begin = [0, 2, 1, 0], size = [-1, 5, 4, -1]) is crop_to_bounding_box(image, 2, 1, 5, 4)
        Tensor slice = TfImages.run(
                images,
                (tf, x) -> tf.slice(x, tf.constant(new int[] {0, 2, 1, 0}), tf.constant(new int[] {-1, 5, 4, -1})));
        assertThat(Images.crop(2, 1, 5, 4).apply(images)).isEqualTo(slice);
        // PadV2(paddings = [[0, 0], [3, 1], [0, 2], [0, 0]], constant_values = 0.5)
        Tensor pad = TfImages.run(
                images,
                (tf, x) -> tf.pad(x, tf.constant(new int[][] {{0, 0}, {3, 1}, {0, 2}, {0, 0}}), tf.constant(0.5f)));
        assertThat(Images.pad(3, 1, 0, 2, 0.5).apply(images)).isEqualTo(pad);
    }

    @Test
    void outputShapesFollowTheInputs() {
        assertThat(Images.grayscale().outputShape(Shape.of(28, 28, 3))).isEqualTo(Shape.of(28, 28, 1));
        assertThat(Images.rgb().outputShape(Shape.of(28, 28, Shape.UNKNOWN))).isEqualTo(Shape.of(28, 28, 3));
        assertThat(Images.pad(1, 2, 3, 4, 0).outputShape(Shape.of(28, Shape.UNKNOWN, 1)))
                .isEqualTo(Shape.of(31, Shape.UNKNOWN, 1));
        assertThat(Images.resize(32, 30, Interpolation.AREA).outputShape(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 3)))
                .isEqualTo(Shape.of(32, 30, 3));
        assertThat(Images.toChannelsFirst().outputShape(Shape.of(28, 20, 3))).isEqualTo(Shape.of(3, 28, 20));
        assertThat(Images.centerCrop(24, 24).outputShape(Shape.of(28, 28, 1))).isEqualTo(Shape.of(24, 24, 1));
        assertThat(Images.crop(0, 0, 2, 2)
                        .apply(Tensor.zeros(DataType.FLOAT64, Shape.of(3, 2, 2, 1)))
                        .batchSize())
                .isEqualTo(3);
    }
}
