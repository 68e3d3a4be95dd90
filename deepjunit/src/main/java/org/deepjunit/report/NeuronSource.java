package org.deepjunit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generated source text of a layer: header lines starting with {@code //} (model, definition, threshold,
 * layer figures), then one line per neuron, in the layer's order: its index, largest value and status.
 */
final class NeuronSource {

    private NeuronSource() {}

    static List<String> header(ModelEntry model, LayerEntry layer) {
        List<String> lines = new ArrayList<>();
        lines.add("// DeepJUnit neuron coverage");
        lines.add("// Model:      " + Text.oneLine(model.name()));
        lines.add("// Layer:      " + Text.oneLine(layer.name())
                + (layer.kind().isBlank() ? "" : " (" + Text.oneLine(layer.kind()) + ")"));
        String[] definition = model.definition().isBlank()
                ? new String[] {"(not stated)"}
                : model.definition().split("\\R");
        for (int i = 0; i < definition.length; i++) {
            lines.add((i == 0 ? "// Definition: " : "//             ") + Text.oneLine(definition[i]));
        }
        lines.add("// Threshold:  " + Text.number(model.threshold()));
        for (String file : model.files()) {
            lines.add("// Weights:    " + Text.oneLine(file));
        }
        lines.add("// Neurons:    " + layer.coveredCount() + " of " + layer.neuronCount() + " covered ("
                + Text.percent(layer.coveredCount(), layer.neuronCount()) + ")");
        for (CriterionValue c : layer.criteria()) {
            lines.add("// " + Text.oneLine(c.criterion()) + ": " + Text.criterion(c));
        }
        lines.add("//");
        lines.add("// neuron    largest value  status");
        return lines;
    }

    static String line(NeuronEntry neuron) {
        String status = neuron.covered() ? "covered" : neuron.activated() ? "not covered" : "never activated";
        return String.format(
                Locale.ROOT, "neuron %6d  %13s  %s", neuron.index(), Text.value(neuron.maxValue()), status);
    }

    static String text(ModelEntry model, LayerEntry layer) {
        StringBuilder b = new StringBuilder(64 * (layer.neuronCount() + 12));
        for (String h : header(model, layer)) {
            b.append(h).append('\n');
        }
        for (NeuronEntry n : layer.neurons()) {
            b.append(line(n)).append('\n');
        }
        return b.toString();
    }
}
