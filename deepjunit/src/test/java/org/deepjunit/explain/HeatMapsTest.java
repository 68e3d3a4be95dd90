package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlays: the input in grey, red where the attribution is positive, blue where negative, enlarged. */
class HeatMapsTest {

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int v = image.getRGB(x, y);
        return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }

    @Test
    void positiveIsRedNegativeIsBlueAndZeroShowsTheInput() throws Exception {
        // a 2x2 grey image: 0.0, 0.5 / 1.0, 0.2; attribution: +1, -1 / 0, 0
        Tensor input = Tensor.of(new double[] {0, 0.5, 1, 0.2}, 1, 2, 2, 1);
        Attribution a = Attribution.of("m", "x", 0, Score.LOGIT, Tensor.of(new double[] {1, -1, 0, 0}, 2, 2, 1));
        BufferedImage image = read(HeatMaps.overlay(input, a));
        assertThat(image.getWidth()).isEqualTo(112).isEqualTo(image.getHeight()); // 2 px, enlarged 56 times
        int[] red = rgb(image, 10, 10);
        int[] blue = rgb(image, 60, 10);
        assertThat(red[0]).isGreaterThan(150).isGreaterThan(red[2] + 100);
        assertThat(blue[2]).isGreaterThan(150).isGreaterThan(blue[0] + 100);
        assertThat(rgb(image, 10, 60)).containsExactly(255, 255, 255); // input 1.0, no attribution
        assertThat(rgb(image, 60, 60)).containsExactly(51, 51, 51); // input 0.2
    }

    @Test
    void rgbInputsAreDrawnInGreyAndTheirChannelsSummed(@TempDir Path dir) throws Exception {
        Tensor input = ExplainNets.uniform(51, 0, 255, 1, 28, 28, 3);
        Attribution a = Attribution.of(
                "m",
                "x",
                0,
                Score.LOGIT,
                ExplainNets.uniform(52, -1, 1, 1, 28, 28, 3).reshape(28, 28, 3));
        Path png = dir.resolve("sub/overlay.png");
        HeatMaps.writeOverlay(png, input, a);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(112); // 28 px, enlarged 4 times
        assertThat(Files.list(png.getParent())).hasSize(1); // written atomically: no temporary file left
        assertThat(read(HeatMaps.heatMap(a)).getHeight()).isEqualTo(112);
    }

    @Test
    void shapesMustBeImagesAndMatch() {
        Tensor input = Tensor.of(new double[4], 1, 2, 2, 1);
        Attribution vector = Attribution.of("m", "x", 0, Score.LOGIT, Tensor.of(new double[4], 4));
        assertThatThrownBy(() -> HeatMaps.overlay(input, vector))
                .hasMessageContaining("Cannot draw an attribution of shape [4] as an image");
        Attribution other = Attribution.of("m", "x", 0, Score.LOGIT, Tensor.of(new double[9], 3, 3, 1));
        assertThatThrownBy(() -> HeatMaps.overlay(input, other))
                .hasMessage("The attribution's shape [3, 3, 1] does not match the input's [2, 2, 1]");
        assertThat(HeatMaps.scale(new double[] {0, 0, 0})).isZero();
    }
}
