package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

/** Noise and the fill of uncovered pixels, by hand and by plain statistics. */
class TransformationTest {

    static final Shape PHOTO = Shape.of(56, 56, 3);

    static float[] constant(float value) {
        float[] image = new float[PHOTO.size()];
        Arrays.fill(image, value);
        return image;
    }

    @Test
    void noiseHasTheStandardDeviationItsParameterGivesInUnitsOfTheRange() {
        float[] noisy = Transformation.NOISE.apply(constant(128), PHOTO, 0.02, 0, 0, 255);
        double mean = Arrays.stream(toDoubles(noisy)).average().orElseThrow();
        double variance = Arrays.stream(toDoubles(noisy))
                        .map(v -> (v - mean) * (v - mean))
                        .sum()
                / (noisy.length - 1);
        // 9,408 draws: the standard error of the mean is 0.05, of the standard deviation 0.04
        assertThat(mean).isCloseTo(128, within(0.3));
        assertThat(Math.sqrt(variance)).isCloseTo(0.02 * 255, within(0.2));
    }

    @Test
    void noiseIsRepeatedByItsParameterAlone() {
        float[] image = constant(0.5f);
        float[] a = Transformation.NOISE.apply(image, PHOTO, 0.03, 0.01, 0, 1);
        assertThat(Transformation.NOISE.apply(image, PHOTO, 0.03, 0.04, 0, 1)).containsExactly(a);
        assertThat(Transformation.NOISE.apply(image, PHOTO, 0.031, 0.01, 0, 1)).isNotEqualTo(a);
    }

    @Test
    void affineTransformationsFillWhatTheyUncover() {
        Shape small = Shape.of(4, 8, 1);
        float[] image = new float[small.size()];
        Arrays.fill(image, 100);
        // moved right by 0.25 · 8 = 2 pixels: output column x reads input column x − 2
        float[] moved = Transformation.TRANSLATION.apply(image, small, 0.25, 0, 0, 255, 255);
        float[] dark = Transformation.TRANSLATION.apply(image, small, 0.25, 0, 0, 255);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(moved[y * 8 + x]).as("(%d, %d)", y, x).isEqualTo(x < 2 ? 255f : 100f);
                assertThat(dark[y * 8 + x]).as("(%d, %d), default fill", y, x).isEqualTo(x < 2 ? 0f : 100f);
            }
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
