package org.deepjunit.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** Each corruption against values worked out by hand or by plain loops on small images. */
class CorruptionTest {

    /** A 3×3 one-channel image, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]. */
    private static final double[] IMAGE = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private static Tensor image() {
        return Tensor.of(IMAGE, 1, 3, 3, 1);
    }

    private static double[] apply(Corruption c) {
        return c.apply(null, image(), null).toDoubleArray();
    }

    @Test
    void brightnessAddsItsShareOfTheRangeAndClips() {
        // severity 2: + 0.2; 0.9 + 0.2 clips to 1
        assertThat(apply(Corruption.of(Corruption.Type.BRIGHTNESS, 2)))
                .containsExactly(new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1}, within(1e-12));
        // in [0, 255] the step is 0.2·255 = 51
        Tensor raw = Tensor.of(new double[] {0, 100, 250}, 1, 3);
        assertThat(Corruption.of(Corruption.Type.BRIGHTNESS, 2)
                        .range(0, 255)
                        .apply(null, raw, null)
                        .toDoubleArray())
                .containsExactly(new double[] {51, 151, 255}, within(1e-9));
    }

    @Test
    void contrastPullsEveryValueTowardsTheImageMean() {
        // mean 0.5, severity 1: c = 0.4, x' = (x − 0.5)·0.4 + 0.5
        double[] expected = new double[9];
        for (int j = 0; j < 9; j++) {
            expected[j] = (IMAGE[j] - 0.5) * 0.4 + 0.5;
        }
        assertThat(apply(Corruption.of(Corruption.Type.CONTRAST, 1))).containsExactly(expected, within(1e-12));
    }

    @Test
    void noiseHasTheSeverityStandardDeviationAndFollowsTheSeed() {
        Tensor grey = Tensor.of(filled(200_000, 0.5), 1, 200_000);
        Corruption noise = Corruption.of(Corruption.Type.GAUSSIAN_NOISE, 1); // σ = 0.08: clipping at 0 or 1 is 6σ away
        double[] a = noise.apply(null, grey, null).toDoubleArray();
        double mean = 0;
        double squares = 0;
        for (double v : a) {
            mean += v / a.length;
        }
        for (double v : a) {
            squares += (v - mean) * (v - mean) / a.length;
        }
        assertThat(mean).isCloseTo(0.5, within(0.001));
        assertThat(Math.sqrt(squares)).isCloseTo(0.08, within(0.001));
        assertThat(noise.apply(null, grey, null).toDoubleArray()).containsExactly(a);
        assertThat(noise.seed(1).apply(null, grey, null).toDoubleArray()).isNotEqualTo(a);
    }

    /** A one-pixel impulse blurs into the product of two normalised 1-D kernels; a flat image stays flat. */
    @Test
    void blurSpreadsAnImpulseAsASeparableGaussian() {
        int size = 9;
        double[] impulse = new double[size * size];
        impulse[4 * size + 4] = 1;
        double sigma = 1; // severity 3
        double[] blurred = Corruption.of(Corruption.Type.GAUSSIAN_BLUR, 3)
                .apply(null, Tensor.of(impulse, 1, size, size, 1), null)
                .toDoubleArray();
        double[] k = new double[7];
        double sum = 0;
        for (int t = -3; t <= 3; t++) {
            k[t + 3] = Math.exp(-t * t / (2 * sigma * sigma));
            sum += k[t + 3];
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int dr = Math.abs(r - 4);
                int dc = Math.abs(c - 4);
                double expected = dr > 3 || dc > 3 ? 0 : k[dr + 3] / sum * k[dc + 3] / sum;
                assertThat(blurred[r * size + c]).as("(%d, %d)", r, c).isCloseTo(expected, within(1e-12));
            }
        }
        double[] flat = Corruption.of(Corruption.Type.GAUSSIAN_BLUR, 5)
                .apply(null, Tensor.of(filled(25, 0.3), 1, 5, 5, 1), null)
                .toDoubleArray();
        assertThat(flat).containsOnly(0.3);
    }

    /** A quarter turn anticlockwise moves the top row to the left column, read bottom-up. */
    @Test
    void rotationTurnsAnticlockwiseAboutTheCentre() {
        assertThat(ImageWarps.rotate(IMAGE, 3, 3, 1, 90, 0))
                .containsExactly(new double[] {0.3, 0.6, 0.9, 0.2, 0.5, 0.8, 0.1, 0.4, 0.7}, within(1e-12));
        // 45° on a 3×3 image: the corner (0, 0) samples from (−0.414, 1) off the image's top edge, half fill
        double[] turned = ImageWarps.rotate(IMAGE, 3, 3, 1, 45, 0);
        assertThat(turned[4]).isCloseTo(0.5, within(1e-12));
        double dist = Math.sqrt(2) - 1; // the source point lies 0.414 rows above row 0, at column 1
        assertThat(turned[0]).isCloseTo((1 - dist) * 0.2 + dist * 0, within(1e-12));
    }

    @Test
    void translationMovesDownAndRightFillingWithTheMinimum() {
        assertThat(ImageWarps.translate(IMAGE, 3, 3, 1, 1, 2, -1))
                .containsExactly(new double[] {-1, -1, -1, -1, -1, 0.1, -1, -1, 0.4}, within(1e-12));
        // severity 5 on a 10×10 image: 20 % = 2 pixels each way
        double[] img = new double[100];
        img[0] = 1;
        double[] moved = Corruption.of(Corruption.Type.TRANSLATION, 5)
                .apply(null, Tensor.of(img, 1, 10, 10, 1), null)
                .toDoubleArray();
        assertThat(moved[2 * 10 + 2]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(moved).sum()).isEqualTo(1);
    }

    @Test
    void badSeveritiesShapesAndRangesAreClearErrors() {
        assertThatThrownBy(() -> Corruption.of(Corruption.Type.BRIGHTNESS, 0))
                .hasMessageContaining("severity is 1 to 5");
        assertThatThrownBy(() -> Corruption.of(Corruption.Type.BRIGHTNESS, 6))
                .hasMessageContaining("severity is 1 to 5");
        Tensor vectors = Tensor.of(new double[] {0.1, 0.2}, 1, 2);
        assertThatThrownBy(() -> Corruption.of(Corruption.Type.ROTATION, 1).apply(null, vectors, null))
                .hasMessageContaining("rotation needs images [n, height, width, channels]; got inputs of shape [1, 2]");
        assertThatThrownBy(() ->
                        Corruption.of(Corruption.Type.CONTRAST, 1).apply(null, Tensor.of(new double[] {2}, 1, 1), null))
                .hasMessageContaining("outside the valid range [0.0, 1.0]");
        assertThat(Corruption.all(3))
                .hasSize(6)
                .extracting(Corruption::name)
                .contains("gaussian noise 3 (seed=0)", "rotation 3");
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
