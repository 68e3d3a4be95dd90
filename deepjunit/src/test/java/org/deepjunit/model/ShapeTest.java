package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void sizeIsTheProductOfDimensions() {
        assertThat(Shape.of(28, 28, 1).size()).isEqualTo(784);
        assertThat(Shape.of(3, Shape.UNKNOWN).size()).isEqualTo(Shape.UNKNOWN);
        assertThat(Shape.of().size()).isEqualTo(1);
    }

    @Test
    void unknownDimensionsAcceptAnything() {
        Shape open = Shape.ofLongs(-1, 28, 1);
        assertThat(open.accepts(Shape.of(5, 28, 1))).isTrue();
        assertThat(open.accepts(Shape.of(5, 27, 1))).isFalse();
        assertThat(open.accepts(Shape.of(28, 1))).isFalse();
        assertThat(open.toString()).isEqualTo("[?, 28, 1]");
    }

    @Test
    void addsAndRemovesTheBatchDimension() {
        Shape s = Shape.of(14, 14, 6);
        assertThat(s.withBatch(64)).isEqualTo(Shape.of(64, 14, 14, 6));
        assertThat(s.withBatch(64).withoutBatch()).isEqualTo(s);
        assertThat(s.last()).isEqualTo(6);
    }

    @Test
    void rejectsNonPositiveDimensions() {
        assertThatThrownBy(() -> Shape.of(3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 0]");
    }
}
