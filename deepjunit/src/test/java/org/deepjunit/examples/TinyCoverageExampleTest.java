package org.deepjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.NeuronCoverage;
import org.deepjunit.coverage.TinyModel;
import org.junit.jupiter.api.Test;

/** A second annotated class (hand-set network), so that a run with Surefire forkCount=2 merges two data files. */
@NeuronCoverage
class TinyCoverageExampleTest {

    static final TinyModel TINY = new TinyModel("tiny");

    @Test
    void firstInput() {
        assertThat(TINY.predict(TinyModel.inputs(1, 0)).toDoubleArray()).containsExactly(1, 0);
    }

    @Test
    void secondInput() {
        assertThat(TINY.predict(TinyModel.inputs(0, 2)).toDoubleArray()).containsExactly(1, 3);
    }
}
