package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.quality.history.RunRecord;

/**
 * {@code <model>.html}: a trend chart per figure over all runs of the model, each followed by a table of its points
 * (the last {@value #POINTS_SHOWN}); the robustness curves of the model's latest runs under each perturbation, with
 * their table; then, for the latest run of each test, its gate verdicts, its figures per slice, its fairness rates
 * per group as bar charts with the table of its fairness figures and verdicts, and its confusion matrix as an image
 * above the table of counts. The charts are PNG files in the folder {@code <model>/} beside the page, each named
 * after what it shows, so that a link to one stays valid from run to run.
 */
final class ModelPage {

    /** The most rows a point table shows: the newest ones. The chart shows every point. */
    static final int POINTS_SHOWN = 50;

    private ModelPage() {}

    /** Writes the charts, then the page (each atomically). */
    static void write(ModelHistory model, String project, Path dir) {
        StringBuilder html = new StringBuilder(16_384);
        Html.open(
                html,
                model.model(),
                "<a href=\"index.html\">Model quality of " + Html.esc(project) + "</a> &gt; "
                        + Html.esc(model.model()));
        Set<String> tests = new TreeSet<>();
        model.runs().forEach(r -> tests.add(r.testId()));
        html.append("<p>")
                .append(model.runs().size())
                .append(model.runs().size() == 1 ? " run" : " runs")
                .append(" recorded by ")
                .append(tests.size())
                .append(tests.size() == 1 ? " test" : " tests")
                .append(", from ")
                .append(Html.time(model.runs().get(0).time()))
                .append(" to ")
                .append(Html.time(model.latest().time()))
                .append(". Run # counts every run of this model, by any test.</p>\n");

        html.append("<h2>Trends</h2>\n");
        List<Series> series = model.series();
        if (series.isEmpty()) {
            html.append("<p class=\"note\">No figure of the whole data set was recorded.</p>\n");
        }
        PageNames charts = new PageNames();
        UnaryOperator<String> png = name -> model.file() + "/" + charts.unique(name) + ".png";
        for (Series s : series) {
            trend(s, png.apply(s.label()), dir, html);
        }
        RobustnessTable.write(RobustnessRuns.latest(model.model(), model.perturbed()), model.model(), dir, png, html);

        html.append("<h2>Latest runs</h2>\n");
        for (RunRecord run : model.latestPerTest()) {
            latest(run, dir, png, html);
        }
        Html.close(html);
        AtomicFiles.writeString(dir.resolve(model.file() + ".html"), html.toString());
    }

    private static void trend(Series s, String png, Path dir, StringBuilder html) {
        html.append("<h3>").append(Html.esc(s.label())).append("</h3>\n");
        long skipped = s.skipped();
        if (skipped > 0) {
            html.append("<p class=\"note skipped\">")
                    .append(skipped)
                    .append(" of ")
                    .append(s.points().size())
                    .append(" runs have no finite value of ")
                    .append(Html.esc(s.label()))
                    .append(" (not recorded, or NaN): they are left out of the chart and marked - below.</p>\n");
        }
        Charts.image(
                dir,
                png,
                () -> TrendChart.png(s),
                TrendChart.WIDTH,
                TrendChart.HEIGHT,
                "trend",
                s.label() + " over " + s.points().size() + " runs",
                html);
        table(s, html);
    }

    private static void table(Series s, StringBuilder html) {
        List<Series.Point> points = s.points();
        int from = Math.max(0, points.size() - POINTS_SHOWN);
        if (from > 0) {
            html.append("<p class=\"note\">The table shows the last ")
                    .append(POINTS_SHOWN)
                    .append(" of ")
                    .append(points.size())
                    .append(" runs; the chart shows all.</p>\n");
        }
        html.append("<table class=\"points\"><thead><tr><th>Run #</th><th>Time</th><th>Test</th><th>Commit</th>"
                        + "<th>Model</th><th>Data</th><th>")
                .append(Html.esc(s.label()))
                .append("</th></tr></thead><tbody>\n");
        for (Series.Point p : points.subList(from, points.size())) {
            RunRecord r = p.run();
            html.append("<tr><td class=\"num\">")
                    .append(p.number())
                    .append("</td><td>")
                    .append(Html.time(r.time()))
                    .append("</td><td><code>")
                    .append(Html.esc(r.testId()))
                    .append("</code></td><td>")
                    .append(Html.shortHash(r.commit()))
                    .append("</td><td>")
                    .append(Html.shortHash(r.modelFingerprint()))
                    .append("</td><td>")
                    .append(Html.shortHash(r.datasetDigest()))
                    .append("</td><td class=\"num\">")
                    .append(Html.value(p.value()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void latest(RunRecord run, Path dir, UnaryOperator<String> png, StringBuilder html) {
        html.append("<div class=\"latest\"><h3><code>")
                .append(Html.esc(run.testId()))
                .append("</code></h3>\n<p>")
                .append(Html.time(run.time()))
                .append(", commit ")
                .append(Html.shortHash(run.commit()))
                .append(", model ")
                .append(Html.shortHash(run.modelFingerprint()))
                .append(", data ")
                .append(Html.shortHash(run.datasetDigest()))
                .append("</p>\n<h4>Gates</h4>\n");
        GateTable.write(run.figures(), html);
        html.append("<h4>Figures per slice</h4>\n");
        SliceTable.write(run, html);
        FairnessTable.write(run, dir, png, html);
        html.append("<h4>Confusion matrix</h4>\n");
        ConfusionCells cells = ConfusionCells.of(run);
        int k = cells.labels().size();
        if (k > 0 && k <= ConfusionHeatMap.MAX_CLASSES) {
            Charts.image(
                    dir,
                    png.apply("confusion " + run.testId()),
                    () -> ConfusionChart.png(cells),
                    ConfusionChart.width(k),
                    ConfusionChart.height(k),
                    "confusion",
                    "Confusion matrix of " + k + " classes as a heat map, true class down, predicted across,"
                            + " shaded by the share of the row; the counts are in the table below",
                    html);
        }
        ConfusionHeatMap.write(cells, html);
        html.append("</div>\n");
    }
}
