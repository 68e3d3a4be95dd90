package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * The fairness section of a run on a model page: a bar chart per per-group rate ({@link FairnessChart}), then every
 * {@code fairness} figure of the run as a table row (the rates per group, and the comparisons: differences, ratios,
 * disparate impact) with its interval, n and its gate's verdict, so that the verdicts stand beside the figures they
 * judged and every bar is also readable as a number.
 */
final class FairnessTable {

    private FairnessTable() {}

    /**
     * Writes the section of {@code run}'s fairness figures, nothing when it has none.
     *
     * @param png the image file, relative to the page, of a chart's name (stable across runs)
     */
    static void write(RunRecord run, Path dir, UnaryOperator<String> png, StringBuilder html) {
        List<FigureRecord> figures =
                run.figures().stream().filter(f -> f.kind().equals("fairness")).toList();
        if (figures.isEmpty()) {
            return;
        }
        html.append("<h4>Fairness</h4>\n");
        for (FairnessBars bars : FairnessBars.of(run)) {
            Charts.image(
                    dir,
                    png.apply("fairness " + run.testId() + " " + bars.title()),
                    () -> FairnessChart.png(bars),
                    FairnessChart.width(bars.groups().size()),
                    FairnessChart.HEIGHT,
                    "fairness",
                    bars.title() + " for " + bars.groups().size() + " groups with their intervals, overall "
                            + Html.value(bars.overall()) + "; the figures are in the table below",
                    html);
        }
        html.append("<table class=\"fairness\"><thead><tr><th>Figure</th><th>Groups</th><th>Value</th>"
                + "<th>Interval</th><th>n</th><th>Verdict</th></tr></thead><tbody>\n");
        for (FigureRecord f : figures) {
            String verdict = f.verdict() == null ? "" : Html.esc(f.verdict());
            html.append("<tr><td>")
                    .append(Html.esc(f.name()))
                    .append("</td><td>")
                    .append(Html.esc(f.slice()))
                    .append("</td><td class=\"num\">")
                    .append(Html.value(f.value()))
                    .append("</td><td class=\"num\">")
                    .append(f.hasInterval() ? Html.value(f.lower()) + " to " + Html.value(f.upper()) : "-")
                    .append("</td><td class=\"num\">")
                    .append(f.n())
                    .append("</td><td class=\"")
                    .append(verdict)
                    .append("\">")
                    .append(f.verdict() == null ? "no gate" : verdict)
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }
}
