package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void indexesRowMajor() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        assertThat(t.getDouble(1, 0, 1)).isEqualTo(7);
        assertThat(t.getFloat(0, 2, 0)).isEqualTo(4f);
        assertThat(t.batchSize()).isEqualTo(2);
        assertThatThrownBy(() -> t.getDouble(0, 3, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[0, 3, 0]")
                .hasMessageContaining("[2, 3, 2]");
    }

    @Test
    void rejectsDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor of shape [2, 3] needs 6 values, got 5");
    }

    @Test
    void copiesOnCreationSoCallersCannotMutateIt() {
        float[] data = {1, 2};
        Tensor t = Tensor.of(data, 1, 2);
        data[0] = 99;
        assertThat(t.getDouble(0)).isEqualTo(1);
        t.toFloatArray()[1] = 99;
        assertThat(t.getDouble(1)).isEqualTo(2);
    }

    @Test
    void slicesAndConcatenatesSamples() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertThat(t.sample(1).toDoubleArray()).containsExactly(3, 4);
        assertThat(t.samples(1, 3).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Tensor.concat(t.sample(2), t.sample(0)).toDoubleArray()).containsExactly(5, 6, 1, 2);
        assertThatThrownBy(() -> Tensor.concat(t, t.as(DataType.FLOAT32))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsBetweenTypes() {
        Tensor d = Tensor.of(new double[] {0.1, 1e-9}, 1, 2);
        Tensor f = d.as(DataType.FLOAT32);
        assertThat(f.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(f.getDouble(0)).isEqualTo((double) 0.1f);
        assertThat(d.as(DataType.FLOAT64)).isSameAs(d);
    }

    @Test
    void argMaxPerSample() {
        Tensor t = Tensor.of(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.4f, 0.1f}, 2, 3);
        assertThat(t.argMax()).containsExactly(1, 0);
    }

    @Test
    void maxAbsDifferenceReportsNaN() {
        Tensor a = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new float[] {1.5f, Float.NaN}, 1, 2);
        assertThat(a.maxAbsDifference(Tensor.of(new float[] {1.25f, 2}, 1, 2))).isEqualTo(0.25);
        assertThat(a.maxAbsDifference(b)).isNaN();
        assertThat(b.firstNonFinite()).isEqualTo(1);
        assertThat(a.firstNonFinite()).isEqualTo(-1);
    }

    @Test
    void firstNonFiniteAgreesWithAPlainLoopAcrossBlocksAndExtremes() {
        java.util.Random random = new java.util.Random(19);
        float[] specialsF = {
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc12345)
        };
        double[] specialsD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        // finite values at the edges of the exponent range must never be flagged
        float[] edgesF = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, -0f, 0f};
        double[] edgesD = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, -0d};
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(3 * 4096 + 17);
            float[] f = new float[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = random.nextInt(8) == 0 ? edgesF[random.nextInt(edgesF.length)] : (float) random.nextGaussian();
                d[i] = random.nextInt(8) == 0 ? edgesD[random.nextInt(edgesD.length)] : random.nextGaussian();
            }
            int planted = trial % 4 == 0 ? 0 : 1 + random.nextInt(2);
            for (int k = 0; k < planted; k++) {
                int at = random.nextInt(n);
                f[at] = specialsF[random.nextInt(specialsF.length)];
                d[at] = specialsD[random.nextInt(specialsD.length)];
            }
            assertThat(Tensor.of(f, n).firstNonFinite())
                    .as("floats, trial " + trial)
                    .isEqualTo(plainLoop(f));
            assertThat(Tensor.of(d, n).firstNonFinite())
                    .as("doubles, trial " + trial)
                    .isEqualTo(plainLoop(d));
        }
    }

    private static int plainLoop(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i]) || Float.isInfinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int plainLoop(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isInfinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
