package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportModelTest {

    private static LayerEntry layer(String name) {
        return new LayerEntry(name, "dense", List.of(new NeuronEntry(0, true, 1.0)), List.of());
    }

    private static ModelEntry model(String name, LayerEntry... layers) {
        return new ModelEntry(name, "d", 0.25, List.of(layers), List.of(), List.of(), List.of());
    }

    @Test
    void countsAndRatios() {
        NeuronCoverageReport report = ReportFixtures.twoModels();
        ModelEntry lenet = report.models().get(0);
        assertThat(lenet.neuronCount()).isEqualTo(19);
        assertThat(lenet.coveredCount()).isEqualTo(7);
        assertThat(lenet.missedCount()).isEqualTo(12);
        assertThat(lenet.layers().get(0).coverageRatio()).isEqualTo(4 / 6.0);
        assertThat(lenet.gatesPassed()).isFalse();
        assertThat(report.neuronCount()).isEqualTo(23);
        assertThat(report.coveredCount()).isEqualTo(11);
        assertThat(new LayerEntry("empty", "dense", List.of(), List.of()).coverageRatio())
                .isNaN();
        assertThat(new CriterionValue("TKNP (k=2)", 7, 0).isCount()).isTrue();
        assertThat(new CriterionValue("TKNP (k=2)", 7, 0).ratio()).isNaN();
        assertThat(new CriterionValue("NBC", 1, 4).ratio()).isEqualTo(0.25);
    }

    @Test
    void listsAreCopied() {
        List<LayerEntry> layers = new ArrayList<>(List.of(layer("a")));
        ModelEntry m = new ModelEntry("m", "d", 0.25, layers, List.of(), List.of(), List.of());
        layers.add(layer("b"));
        assertThat(m.layers()).hasSize(1);
        assertThatThrownBy(() -> m.layers().add(layer("c"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullAndBlankNames() {
        assertThatThrownBy(() -> model(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model name must not be null");
        assertThatThrownBy(() -> model("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model name must not be blank");
        assertThatThrownBy(() -> layer(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer name must not be blank");
        assertThatThrownBy(() -> new NeuronCoverageReport(" ", Instant.EPOCH, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("report title must not be blank");
        assertThatThrownBy(() -> new CriterionValue(null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("criterion name must not be null");
        assertThatThrownBy(() -> new GateVerdict("", true, "ok"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gate element must not be blank");
    }

    @Test
    void rejectsDuplicates() {
        assertThatThrownBy(() -> new NeuronCoverageReport(
                        "t", Instant.EPOCH, List.of(model("lenet", layer("a")), model("mlp"), model("lenet"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate model name \"lenet\"");
        assertThatThrownBy(() -> model("m", layer("fc1"), layer("fc1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model m: duplicate layer name \"fc1\"");
        assertThatThrownBy(() -> new LayerEntry(
                        "fc1", "dense", List.of(new NeuronEntry(3, true, 1), new NeuronEntry(3, false, 0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer fc1: duplicate neuron index 3");
    }

    @Test
    void rejectsInconsistentFigures() {
        assertThatThrownBy(() -> new NeuronEntry(-1, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new NeuronEntry(2, true, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neuron 2 is covered but has no largest value");
        assertThatThrownBy(() -> new CriterionValue("NBC", 5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("criterion NBC: covered 5 exceeds total 4");
        assertThatThrownBy(() -> new CriterionValue("NBC", -1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelEntry("m", "d", Double.NaN, List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold must be finite");
        assertThatThrownBy(() -> new ModelEntry("m", "d", 0.2, null, List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers of model m");
        List<NeuronEntry> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new LayerEntry("l", "dense", withNull, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain null");
    }

    @Test
    void identifiersAreValidAndUnique() {
        Identifiers ids = new Identifiers();
        assertThat(ids.unique("sequential/dense:0")).isEqualTo("sequential_dense_0");
        assertThat(ids.unique("my layer")).isEqualTo("my_layer");
        assertThat(ids.unique("my_layer")).isEqualTo("my_layer_2");
        assertThat(ids.unique("My Layer")).isEqualTo("My_Layer_3");
        assertThat(ids.unique("0conv")).isEqualTo("_0conv");
        assertThat(ids.unique("../x")).isEqualTo("___x");
        assertThat(Identifiers.identifier("ünïcode")).matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
