package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The front page's "What to do next": failed gates and why, the layers to aim new inputs at, models whose coverage
 * is unknown, and criteria that no longer tell inputs apart.
 */
final class NextSteps {

    /** Layers named per model as targets. */
    static final int TARGET_LAYERS = 3;

    private NextSteps() {}

    static void write(NeuronCoverageReport report, List<String> savedInputs, Writer out) throws IOException {
        List<String> steps = steps(report, savedInputs);
        out.write("<h2>What to do next</h2>\n<ul class=\"next\">\n");
        for (String step : steps) {
            out.write("<li>" + step + "</li>\n");
        }
        out.write("</ul>\n");
    }

    /** The steps as HTML, most urgent first. */
    static List<String> steps(NeuronCoverageReport report, List<String> savedInputs) {
        List<String> steps = new ArrayList<>();
        for (String line : report.notObserved()) {
            steps.add("<span class=\"fail\">Observe</span> " + PageFrame.esc(line)
                    + ": run the model through its declared field in a test, or remove the declaration.");
        }
        for (ModelEntry model : report.models()) {
            for (GateVerdict gate : model.gates()) {
                if (!gate.passed()) {
                    steps.add("<span class=\"fail\">Failed gate</span> " + PageFrame.esc(gate.message())
                            + ": add inputs that reach it (" + targets(model) + ") or review the rule.");
                }
            }
        }
        for (ModelEntry model : report.models()) {
            if (model.missedCount() > 0 && model.gatesPassed()) {
                steps.add("<b>" + PageFrame.esc(model.name()) + "</b>: "
                        + Text.count(model.missedCount(), "neuron") + " uncovered; aim new inputs at " + targets(model)
                        + " (<a href=\""
                        + UncoveredPage.FILE + "#" + UncoveredPage.anchor(model) + "\">which neurons</a>)"
                        + (savedInputs.contains("generated") ? "." : ", e.g. with @GeneratedInputs."));
            } else if (model.missedCount() == 0 && model.neuronCount() > 0) {
                steps.add("<b>" + PageFrame.esc(model.name()) + "</b>: every neuron is covered at t = "
                        + PageFrame.esc(Text.number(model.threshold())) + ", so NC no longer tells inputs apart: "
                        + "raise the threshold or gate on DeepGauge criteria with a profile.");
            }
        }
        if (steps.isEmpty()) {
            steps.add("Nothing: every model was observed and every gate passed.");
        }
        return steps;
    }

    /** The layers with the lowest NC that have uncovered neurons, with their figures. */
    static String targets(ModelEntry model) {
        List<String> named = model.layers().stream()
                .filter(l -> l.coveredCount() < l.neuronCount())
                .sorted(Comparator.comparingDouble((LayerEntry l) -> (double) l.coveredCount() / l.neuronCount())
                        .thenComparing(LayerEntry::name))
                .limit(TARGET_LAYERS)
                .map(l -> "layer " + PageFrame.esc(l.name()) + " (" + (l.neuronCount() - l.coveredCount()) + " of "
                        + l.neuronCount() + " uncovered)")
                .toList();
        return named.isEmpty() ? "the gate's layers" : String.join(", ", named);
    }

    /**
     * Whether {@code gate} is on criterion {@code c}: the criterion named in its message ("Rule violated for …: NC
     * covered ratio …", "No KMNC items for …"), NC only at the model's threshold.
     */
    static boolean gateOn(ModelEntry model, GateVerdict gate, CriterionValue c) {
        String message = gate.message();
        int at = message.startsWith("No ") ? 3 : message.indexOf(": ") + 2;
        if (at < 2) {
            return false;
        }
        int end = message.indexOf(' ', at);
        String criterion = message.substring(at, end < 0 ? message.length() : end);
        String label = c.criterion();
        if (criterion.equals("NC")) {
            return label.startsWith("NC") && label.endsWith("(t=" + CoverageReports.trim(model.threshold()) + ")");
        }
        return label.equals(criterion) || label.startsWith(criterion + " ");
    }
}
