package org.deepjunit.report.quality;

import java.awt.AWTError;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.quality.history.RunRecord;

/**
 * {@code <model>.html}: a trend chart per figure over all runs of the model, each followed by a table of its points
 * (the last {@value #POINTS_SHOWN}), then, for the latest run of each test, its gate verdicts, its figures per slice
 * and its confusion matrix. The charts are PNG files in the folder {@code <model>/} beside the page.
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
        for (Series s : series) {
            String png = model.file() + "/" + charts.unique(s.label()) + ".png";
            byte[] bytes = null;
            String failure = null;
            try {
                bytes = TrendChart.png(s);
            } catch (RuntimeException | LinkageError | AWTError e) { // no fonts or AWT natives: the table stays
                failure = e.toString();
            }
            if (bytes != null) {
                AtomicFiles.write(dir.resolve(png), bytes);
            }
            trend(s, bytes == null ? null : png, failure, html);
        }

        html.append("<h2>Latest runs</h2>\n");
        for (RunRecord run : model.latestPerTest()) {
            latest(run, html);
        }
        Html.close(html);
        AtomicFiles.writeString(dir.resolve(model.file() + ".html"), html.toString());
    }

    private static void trend(Series s, String png, String failure, StringBuilder html) {
        html.append("<h3>").append(Html.esc(s.label())).append("</h3>\n");
        if (failure != null) {
            html.append("<p class=\"note\">The chart could not be drawn on this machine (")
                    .append(Html.esc(failure))
                    .append(").</p>\n");
        }
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
        if (png != null) {
            image(s, png, html);
        }
        table(s, html);
    }

    private static void image(Series s, String png, StringBuilder html) {
        html.append("<img class=\"trend\" src=\"")
                .append(Html.esc(png))
                .append("\" width=\"")
                .append(TrendChart.WIDTH)
                .append("\" height=\"")
                .append(TrendChart.HEIGHT)
                .append("\" alt=\"")
                .append(Html.esc(s.label()))
                .append(" over ")
                .append(s.points().size())
                .append(" runs\">\n");
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

    private static void latest(RunRecord run, StringBuilder html) {
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
        html.append("<h4>Confusion matrix</h4>\n");
        ConfusionHeatMap.write(run, html);
        html.append("</div>\n");
    }
}
