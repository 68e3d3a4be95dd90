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
}
