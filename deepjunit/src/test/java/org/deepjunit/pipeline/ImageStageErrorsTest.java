package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** Each bad input's message names the stage, what it expects and what it got; bad parameters name the parameter. */
class ImageStageErrorsTest {

    private static Tensor zeros(int... shape) {
        return Tensor.zeros(DataType.FLOAT32, Shape.of(shape));
    }

    @Test
    void cropOutsideTheImage() {
        assertThatThrownBy(() -> Images.crop(2, 2, 28, 28).apply(zeros(1, 28, 28, 1)))
                .isInstanceOf(StageException.class)
                .hasMessage(
                        "Stage 'crop': expects an image of at least 30×30 pixels [batch, H, W, C]; got [1, 28, 28, 1]");
        assertThatThrownBy(() -> Images.centerCrop(24, 30).outputShape(Shape.of(28, 28, 1)))
                .isInstanceOf(StageException.class)
                .hasMessage(
                        "Stage 'center-crop': expects an image of at least 24×30 pixels [batch, H, W, C]; got [?, 28, 28, 1]");
    }

    @Test
    void wrongRank() {
        assertThatThrownBy(() -> Images.resize(28, 28, Interpolation.BILINEAR).apply(zeros(1, 28, 28)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'resize': expects an image [batch, H, W, C]; got [1, 28, 28]");
        assertThatThrownBy(() -> Images.pad(1, 1, 1, 1, 0).outputShape(Shape.of(784)))
                .hasMessage("Stage 'pad': expects an image [batch, H, W, C]; got [?, 784]");
        assertThatThrownBy(() -> Images.toChannelsLast().apply(zeros(1, 3, 28)))
                .hasMessage(
                        "Stage 'to-channels-last': expects a channels-first image [batch, C, H, W]; got [1, 3, 28]");
        assertThatThrownBy(() -> Images.toChannelsFirst().apply(zeros(2, 3)))
                .hasMessage("Stage 'to-channels-first': expects an image [batch, H, W, C]; got [2, 3]");
    }

    @Test
    void wrongChannelCount() {
        assertThatThrownBy(() -> Images.grayscale().apply(zeros(1, 4, 4, 4)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'grayscale': expects an RGB or gray image [batch, H, W, 3 or 1]; got [1, 4, 4, 4]");
        assertThatThrownBy(() -> Images.grayscale().outputShape(Shape.of(4, 4, 2)))
                .hasMessage("Stage 'grayscale': expects an RGB or gray image [batch, H, W, 3 or 1]; got [?, 4, 4, 2]");
        assertThatThrownBy(() -> Images.rgb().apply(zeros(1, 4, 4, 4)))
                .hasMessage("Stage 'rgb': expects a gray or RGB image [batch, H, W, 1 or 3]; got [1, 4, 4, 4]");
        assertThatThrownBy(() -> Images.bgr().apply(zeros(1, 4, 4, 2)))
                .hasMessage("Stage 'bgr': expects an RGB (or gray) image [batch, H, W, 3 or 1]; got [1, 4, 4, 2]");
    }

    @Test
    void gradientOfTheWrongShape() {
        assertThatThrownBy(() -> Images.resize(4, 4, Interpolation.AREA)
                        .vectorJacobianProduct(zeros(1, 8, 8, 1), zeros(1, 8, 8, 1)))
                .isInstanceOf(StageException.class)
                .hasMessage(
                        "Stage 'resize': the output gradient has shape [1, 8, 8, 1], but the stage's output for an input"
                                + " of shape [1, 8, 8, 1] has shape [1, 4, 4, 1]");
    }

    @Test
    void badParametersNameTheParameter() {
        assertThatThrownBy(() -> Images.crop(-1, 0, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("top must be 0 or more, got -1");
        assertThatThrownBy(() -> Images.crop(0, 0, 2, 0)).hasMessage("width must be at least 1, got 0");
        assertThatThrownBy(() -> Images.centerCrop(-3, 2)).hasMessage("height must be at least 1, got -3");
        assertThatThrownBy(() -> Images.pad(0, -2, 0, 0, 0)).hasMessage("bottom must be 0 or more, got -2");
        assertThatThrownBy(() -> Images.pad(0, 0, 0, 0, Double.NaN)).hasMessage("pad value must be a number, got NaN");
        assertThatThrownBy(() -> Images.resize(0, 28, Interpolation.NEAREST))
                .hasMessage("height must be at least 1, got 0");
        assertThatThrownBy(() -> Images.resize(28, -28, Interpolation.NEAREST))
                .hasMessage("width must be at least 1, got -28");
        assertThatThrownBy(() -> Images.resize(28, 28, null)).hasMessage("method must not be null");
    }
}
