package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectiveTest {

    @Test
    void collectsTermsInOrder() {
        Objective o = Objective.builder()
                .logit(0, 7, -1.0)
                .neuron(0, "fc1", 42, 0.1)
                .neuron("conv1", 3, 2.0)
                .build();
        assertThat(o.terms()).hasSize(3);
        assertThat(o.terms().get(0).isLogit()).isTrue();
        assertThat(o.layers()).containsExactly("fc1", "conv1");
        assertThat(o.hasLogitTerms()).isTrue();
        assertThat(o.maxSample()).isEqualTo(0);
        assertThat(o.terms().get(2).appliesTo(5)).isTrue();
        assertThat(o.terms().get(1).appliesTo(5)).isFalse();
    }

    @Test
    void rejectsMeaninglessTerms() {
        assertThatThrownBy(() -> Objective.builder().logit(0, -1, 1).build())
                .hasMessage("Unit index must be >= 0, got -1");
        assertThatThrownBy(() -> Objective.builder().logit(-2, 0, 1).build())
                .hasMessage("Sample index must be >= 0 or ALL_SAMPLES, got -2");
        assertThatThrownBy(() -> Objective.builder().logit(0, Double.NaN).build())
                .hasMessage("Objective weight must be finite, got NaN");
        assertThatThrownBy(() -> Objective.builder().build()).hasMessage("An objective needs at least one term");
    }
}
