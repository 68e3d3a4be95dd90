package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code criteria.html}: per model the coverage definition, neuron coverage per layer, DeepGauge criteria and
 * gate verdicts, linked back to the front page {@code index.html}.
 */
final class CriteriaPage {

    static final String FILE = "criteria.html";

    private CriteriaPage() {}

    static void write(NeuronCoverageReport report, Writer out) throws IOException {
        write(report, out, List.of());
    }

    /**
     * With links to the saved-input pages ({@code <folder>/index.html}) of the {@code savedInputs} folders, and to the
     * quality pages when {@code savedInputs} holds {@link CoverageReportWriter#QUALITY}.
     */
    static void write(NeuronCoverageReport report, Writer out, List<String> savedInputs) throws IOException {
        PageFrame.head(out, report.title() + ": criteria and gates", "");
        out.write("<p class=\"crumbs\"><a href=\"index.html\">" + esc(report.title())
                + "</a> &gt; criteria and gates</p>\n");
        out.write("<h1>" + esc(report.title()) + ": criteria and gates</h1>\n");
        out.write("<p>Measured " + PageFrame.time(report.created()) + ". Neuron coverage "
                + "over all models: " + report.coveredCount() + " of " + report.neuronCount() + " neurons ("
                + esc(Text.percent(report.coveredCount(), report.neuronCount())) + "). "
                + "In the <a href=\"" + CoverageReportWriter.NEURONS
                + "/index.html\">coverage tables</a> every neuron counts as one instruction and one "
                + "line: &ldquo;Missed Instructions&rdquo; and &ldquo;Lines&rdquo; count neurons.</p>\n");
        if (savedInputs.contains(CoverageReportWriter.QUALITY)) {
            out.write("<p><a href=\"" + CoverageReportWriter.QUALITY + "/index.html\">Quality</a>: the models' "
                    + "quality over time, their latest figures and gate verdicts (@ModelQuality).</p>\n");
        }
        List<String> saved = savedInputs.stream()
                .filter(folder -> !folder.equals(CoverageReportWriter.QUALITY))
                .toList();
        if (!saved.isEmpty()) {
            out.write("<p>Saved inputs:");
            for (String folder : saved) {
                String what = folder.equals("generated")
                        ? "generated inputs (@GeneratedInputs)"
                        : folder.equals("inputs")
                                ? "inputs the models disagreed on (@DifferentialAgainst)"
                                : folder.equals("robustness") ? "adversarial examples (@ModelQuality)" : folder;
                out.write(" <a href=\"" + esc(folder) + "/index.html\">" + esc(what) + "</a>");
                out.write(folder.equals(saved.get(saved.size() - 1)) ? "." : ";");
            }
            out.write("</p>\n");
        }
        if (!report.notObserved().isEmpty()) {
            out.write("<h2 class=\"fail\">Not observed</h2>\n<p>Declared models whose coverage is unknown: no "
                    + "forward pass of theirs reached DeepJUnit.</p>\n<ul>\n");
            for (String line : report.notObserved()) {
                out.write("<li>" + esc(line) + "</li>\n");
            }
            out.write("</ul>\n");
        }
        for (ModelEntry model : report.models()) {
            model(model, out);
        }
        PageFrame.foot(out);
    }

    private static String weights(ModelEntry model) {
        if (model.files().isEmpty()) {
            return "built in memory, no files";
        }
        StringBuilder html = new StringBuilder();
        for (String file : model.files()) {
            html.append(html.length() == 0 ? "" : ", ")
                    .append("<code>")
                    .append(esc(file))
                    .append("</code>");
        }
        return html.toString();
    }

    private static void model(ModelEntry model, Writer out) throws IOException {
        out.write("<h2>" + esc(model.name()) + "</h2>\n<p><b>Definition:</b> "
                + (model.definition().isBlank() ? "(not stated)" : esc(model.definition()))
                + "<br><b>Threshold:</b> " + esc(Text.number(model.threshold()))
                + "<br><b>Neuron coverage (NC):</b> " + model.coveredCount() + " of " + model.neuronCount()
                + " neurons (" + esc(Text.percent(model.coveredCount(), model.neuronCount())) + ")"
                + "<br><b>Weights:</b> " + weights(model) + "</p>\n");

        if (!model.criteria().isEmpty()) {
            out.write("<h3>Model criteria</h3>\n");
            criteria(model.criteria(), out);
        }

        out.write("<h3>Layers</h3>\n<table class=\"data\"><thead><tr><td>Layer</td><td>Kind</td>"
                + "<td>Covered neurons</td><td>Neurons</td><td>NC</td><td>DeepGauge criteria</td></tr></thead>"
                + "<tbody>\n");
        for (LayerEntry layer : model.layers()) {
            StringBuilder crit = new StringBuilder();
            for (CriterionValue c : layer.criteria()) {
                crit.append(crit.length() == 0 ? "" : "<br>")
                        .append(esc(c.criterion()))
                        .append(": ")
                        .append(esc(Text.criterion(c)));
            }
            out.write("<tr><td>" + esc(layer.name()) + "</td><td>" + esc(layer.kind()) + "</td><td class=\"num\">"
                    + layer.coveredCount() + "</td><td class=\"num\">" + layer.neuronCount()
                    + "</td><td class=\"num\">" + esc(Text.percent(layer.coveredCount(), layer.neuronCount()))
                    + "</td><td>" + crit + "</td></tr>\n");
        }
        out.write("</tbody></table>\n");

        out.write("<h3>Gates</h3>\n");
        if (model.gates().isEmpty()) {
            out.write("<p>No coverage gates.</p>\n");
            return;
        }
        out.write("<table class=\"data\"><thead><tr><td>Element</td><td>Verdict</td><td>Message</td></tr>"
                + "</thead><tbody>\n");
        for (GateVerdict gate : model.gates()) {
            out.write("<tr><td>" + esc(gate.element()) + "</td><td class=\"" + (gate.passed() ? "pass" : "fail")
                    + "\">" + (gate.passed() ? "passed" : "FAILED") + "</td><td>" + esc(gate.message())
                    + "</td></tr>\n");
        }
        out.write("</tbody></table>\n");
    }

    private static void criteria(Iterable<CriterionValue> criteria, Writer out) throws IOException {
        out.write("<table class=\"data\"><thead><tr><td>Criterion</td><td>Covered</td><td>Total</td>"
                + "<td>Ratio</td></tr></thead><tbody>\n");
        for (CriterionValue c : criteria) {
            out.write("<tr><td>" + esc(c.criterion()) + "</td><td class=\"num\">" + c.covered()
                    + "</td><td class=\"num\">" + (c.isCount() ? "-" : Long.toString(c.total()))
                    + "</td><td class=\"num\">" + (c.isCount() ? "a count" : esc(Text.percent(c.covered(), c.total())))
                    + "</td></tr>\n");
        }
        out.write("</tbody></table>\n");
    }

    static String esc(String s) {
        return HtmlText.escape(s, false);
    }
}
