package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The report's front page {@code index.html}: per model one line per criterion with its gate verdicts and its trend
 * against the previous run, the coverage-growth plots, links to every other page, and what to do next. JaCoCo's
 * pages, which CI tools read, stay whole under {@value CoverageReportWriter#NEURONS}.
 */
final class FrontPage {

    private FrontPage() {}

    /**
     * @param previous    the previous run's figures, or null
     * @param savedInputs the {@link CoverageReportWriter#KEPT} folders with pages, to link
     */
    static void write(
            NeuronCoverageReport report, RunSummary previous, List<String> savedInputs, GrowthFiles growth, Writer out)
            throws IOException {
        PageFrame.head(out, report.title(), "");
        out.write("<h1>" + PageFrame.esc(report.title()) + "</h1>\n<p>Measured "
                + PageFrame.time(report.created())
                + (report.runId().isEmpty() ? "" : " by run " + PageFrame.esc(report.runId())) + ". "
                + (previous == null
                        ? "No earlier run to compare with (its summary is kept in this folder, and beside the quality history "
                                + "file when there is one)."
                        : "Trends compare with the previous run, measured "
                                + PageFrame.time(Instant.parse(previous.created())) + ".")
                + "</p>\n");
        links(savedInputs, out);
        if (!report.notObserved().isEmpty()) {
            out.write("<div class=\"alert\"><p class=\"fail\">Not observed: no forward pass of these models reached "
                    + "DeepJUnit, so their coverage is unknown.</p><ul>\n");
            for (String line : report.notObserved()) {
                out.write("<li>" + PageFrame.esc(line) + "</li>\n");
            }
            out.write("</ul></div>\n");
        }
        NextSteps.write(report, savedInputs, out);
        for (ModelEntry model : report.models()) {
            model(report, model, previous, growth, out);
        }
        PageFrame.foot(out);
    }

    private static void links(List<String> savedInputs, Writer out) throws IOException {
        out.write("<nav class=\"links\"><a href=\"" + CoverageReportWriter.NEURONS + "/index.html\">Neuron tree "
                + "(JaCoCo)</a><a href=\"" + CriteriaPage.FILE + "\">Criteria and gates</a><a href=\""
                + UncoveredPage.FILE + "\">Uncovered neurons</a>");
        for (String folder : savedInputs) {
            out.write("<a href=\"" + folder + "/index.html\">" + PageFrame.esc(title(folder)) + "</a>");
        }
        out.write("</nav>\n");
    }

    /** What a saved-inputs folder holds, as a link text. */
    static String title(String folder) {
        return switch (folder) {
            case "generated" -> "Generated inputs";
            case "inputs" -> "Disagreements";
            case "robustness" -> "Adversarial examples";
            case CoverageReportWriter.QUALITY -> "Quality, robustness and fairness";
            default -> folder;
        };
    }

    private static void model(
            NeuronCoverageReport report, ModelEntry model, RunSummary previous, GrowthFiles growth, Writer out)
            throws IOException {
        out.write("<h2 id=\"" + UncoveredPage.anchor(model) + "\">" + PageFrame.esc(model.name()) + "</h2>\n<p>"
                + PageFrame.esc(model.definition()) + "</p>\n");
        out.write("<table class=\"data criteria\"><thead><tr><th>Criterion</th><th>Covered</th><th>Ratio</th>"
                + "<th>Trend</th><th>Gates</th></tr></thead><tbody>\n");
        for (CriterionValue c : model.criteria()) {
            out.write("<tr><td>" + PageFrame.esc(c.criterion()) + "</td><td class=\"num\">" + c.covered()
                    + (c.isCount() ? "" : " of " + c.total()) + "</td><td class=\"num\">"
                    + (c.isCount() ? "a count" : PageFrame.esc(Text.percent(c.covered(), c.total())))
                    + "</td><td class=\"num\">" + trend(c, previous, model.name())
                    + "</td><td>" + gates(model, c) + "</td></tr>\n");
        }
        out.write("</tbody></table>\n");
        List<GrowthCurve> curves = report.growth().stream()
                .filter(g -> g.model().equals(model.name()))
                .toList();
        if (!curves.isEmpty()) {
            out.write("<div class=\"charts\">");
            for (GrowthCurve g : curves) {
                out.write("<img src=\"" + growth.png(g) + "\" width=\"" + GrowthChart.WIDTH + "\" height=\""
                        + GrowthChart.HEIGHT + "\" alt=\""
                        + PageFrame.esc(
                                "Growth of " + g.criterion() + " of " + g.model() + " over " + g.inputs() + " inputs")
                        + "\">");
            }
            out.write("</div>\n<p>Growth data: <a href=\"" + growth.csv(model.name()) + "\">" + growth.csv(model.name())
                    + "</a> (blue: test inputs, orange: generated inputs).</p>\n");
        }
        long layersMissed = model.layers().stream()
                .filter(l -> l.coveredCount() < l.neuronCount())
                .count();
        out.write("<p><a href=\"" + UncoveredPage.FILE + "#" + UncoveredPage.anchor(model) + "\">"
                + Text.count(model.missedCount(), "uncovered neuron") + " in " + Text.count(layersMissed, "layer")
                + "</a> &middot; <a href=\""
                + CoverageReportWriter.NEURONS + "/" + CoverageReportWriter.modelFolder(model) + "/index.html\">"
                + "the model in the neuron tree</a></p>\n");
    }

    /** The verdicts of the gates on criterion {@code c} (NC: at the model's threshold). */
    private static String gates(ModelEntry model, CriterionValue c) {
        StringBuilder html = new StringBuilder();
        for (GateVerdict g : model.gates()) {
            if (NextSteps.gateOn(model, g, c)) {
                html.append(html.length() == 0 ? "" : "<br>")
                        .append("<span class=\"")
                        .append(g.passed() ? "pass\">passed" : "fail\">FAILED")
                        .append("</span> ")
                        .append(PageFrame.esc(g.element()));
            }
        }
        return html.toString();
    }

    /** The trend of one figure against the previous run's: an arrow and the previous value. */
    static String trend(CriterionValue c, RunSummary previous, String model) {
        if (previous == null) {
            return "";
        }
        Double before = previous.figure(model, c.criterion());
        double now = c.isCount() ? c.covered() : c.ratio();
        if (before == null || Double.isNaN(now)) {
            return "<span class=\"same\" title=\"not in the previous run\">new</span>";
        }
        String was = c.isCount()
                ? String.format(Locale.ROOT, "%.0f", before)
                : String.format(Locale.ROOT, "%.1f %%", 100 * before);
        int cmp = Double.compare(round(now), round(before));
        String cls = cmp > 0 ? "up" : cmp < 0 ? "down" : "same";
        String arrow = cmp > 0 ? "\u25b2" : cmp < 0 ? "\u25bc" : "=";
        return "<span class=\"" + cls + "\" title=\"previous run: " + was + "\">" + arrow + " " + was + "</span>";
    }

    /** Ratios compared to 6 decimals: a figure read back from JSON is the same figure. */
    private static double round(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }
}
