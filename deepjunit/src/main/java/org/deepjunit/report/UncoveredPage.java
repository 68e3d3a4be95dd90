package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code uncovered.html}: per model and layer the neurons NC has not covered, as index ranges with the largest value
 * each reached, so that a person sees where inputs are missing one click from the front page.
 */
final class UncoveredPage {

    static final String FILE = "uncovered.html";

    /** Neurons listed one by one, with their largest value, up to this many per layer; more are given as ranges. */
    private static final int LISTED = 64;

    private UncoveredPage() {}

    /** The id of a model's section, for links from the front page. */
    static String anchor(ModelEntry model) {
        return "m-" + Identifiers.identifier(model.name());
    }

    static void write(NeuronCoverageReport report, Writer out) throws IOException {
        PageFrame.head(out, report.title() + ": uncovered neurons", "");
        out.write("<p class=\"crumbs\"><a href=\"" + CoverageReportWriter.HTML_INDEX + "\">"
                + PageFrame.esc(report.title()) + "</a> &gt; uncovered neurons</p>\n");
        out.write("<h1>Uncovered neurons</h1>\n<p>Per model and layer the neurons that no input covered under the "
                + "model's NC definition (see <a href=\"" + CriteriaPage.FILE + "\">criteria</a>), with the largest "
                + "value each reached: those closest to the threshold are the cheapest to reach.</p>\n");
        for (ModelEntry model : report.models()) {
            out.write("<h2 id=\"" + anchor(model) + "\">" + PageFrame.esc(model.name()) + "</h2>\n");
            if (model.missedCount() == 0) {
                out.write("<p>Every neuron is covered.</p>\n");
                continue;
            }
            out.write("<table class=\"data\"><thead><tr><th>Layer</th><th>Uncovered</th><th>Neurons</th>"
                    + "</tr></thead><tbody>\n");
            for (LayerEntry layer : model.layers()) {
                List<NeuronEntry> missed =
                        layer.neurons().stream().filter(n -> !n.covered()).toList();
                if (missed.isEmpty()) {
                    continue;
                }
                out.write("<tr><td>" + PageFrame.esc(layer.name()) + "</td><td class=\"num\">" + missed.size() + " of "
                        + layer.neuronCount() + "</td><td>" + PageFrame.esc(describe(missed)) + "</td></tr>\n");
            }
            out.write("</tbody></table>\n");
        }
        PageFrame.foot(out);
    }

    /** "3 (max 0.12), 7 (max -)" for a few neurons; "0–15, 20, 31–40" for many. */
    static String describe(List<NeuronEntry> missed) {
        List<String> parts = new ArrayList<>();
        if (missed.size() <= LISTED) {
            for (NeuronEntry n : missed) {
                parts.add(n.index() + " (max " + Text.value(n.maxValue()) + ")");
            }
            return String.join(", ", parts);
        }
        int from = missed.get(0).index();
        int to = from;
        for (NeuronEntry n : missed.subList(1, missed.size())) {
            if (n.index() == to + 1) {
                to = n.index();
            } else {
                parts.add(from == to ? Integer.toString(from) : from + "\u2013" + to);
                from = n.index();
                to = from;
            }
        }
        parts.add(from == to ? Integer.toString(from) : from + "\u2013" + to);
        return String.join(", ", parts);
    }
}
