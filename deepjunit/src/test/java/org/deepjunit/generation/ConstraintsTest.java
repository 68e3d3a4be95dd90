package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    static final Shape IMAGE = Shape.of(4, 4, 1);

    static float[] ramp(int n, float from) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = from + i;
        }
        return g;
    }

    @Test
    void lightingReplacesTheGradientByItsMean() {
        float[] g = ramp(16, -10); // mean -2.5
        Constraints.lighting().constrain(g, IMAGE, new Random(1));
        assertThat(g).containsOnly(-2.5f);
    }

    @Test
    void occlusionKeepsOnlyTheRectangle() {
        float[] g = ramp(16, 1);
        Constraints.occlusion(1, 2, 2, 2).constrain(g, IMAGE, new Random(1));
        assertThat(g).containsExactly(0, 0, 0, 0, 0, 0, 7, 8, 0, 0, 11, 12, 0, 0, 0, 0);
        assertThatThrownBy(() -> Constraints.occlusion(3, 0, 2, 2).validate(IMAGE))
                .hasMessage("Occlusion rectangle at (3, 0) of 2x2 does not fit inputs of shape [4, 4, 1]");
        assertThatThrownBy(() -> Constraints.occlusion(0, 0, 2, 2).validate(Shape.of(10)))
                .hasMessage("The occlusion constraint needs image inputs [height, width, channels], got inputs of "
                        + "shape [10]");
    }

    @Test
    void blackoutDarkensOnlySquaresWhoseMeanGradientIsNegative() {
        float[] negative = new float[16];
        java.util.Arrays.fill(negative, -0.5f);
        Constraints.blackout(2, 1).constrain(negative, IMAGE, new Random(3));
        assertThat(count(negative, -1)).isEqualTo(4);
        assertThat(count(negative, 0)).isEqualTo(12);
        float[] positive = new float[16];
        java.util.Arrays.fill(positive, 0.5f);
        Constraints.blackout(2, 3).constrain(positive, IMAGE, new Random(3));
        assertThat(positive).containsOnly(0f);
    }

    static int count(float[] a, float v) {
        int n = 0;
        for (float x : a) {
            n += x == v ? 1 : 0;
        }
        return n;
    }

    @Test
    void transformationsStayInTheValidRange() {
        float[] img = ramp(16, 0);
        for (int i = 0; i < img.length; i++) {
            img[i] /= 15f;
        }
        for (Transformation t : Transformation.values()) {
            for (double p : new double[] {t.defaultLow(), t.defaultHigh()}) {
                for (float v : t.apply(img, IMAGE, p, p, 0, 1)) {
                    assertThat(v).isBetween(0f, 1f);
                }
            }
        }
        assertThat(Transformation.ROTATION.apply(img, IMAGE, 0, 0, 0, 1)).containsExactly(img);
    }
}
