package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.quality.history.FigureRecord;

/**
 * {@code index.html}: the project's models, each linked to its page, with its number of runs, its latest run, the
 * latest value of each figure and the verdicts of each test's latest run (the worst first).
 */
final class IndexPage {

    static final String FILE = "index.html";

    private IndexPage() {}

    static void write(List<ModelHistory> models, String project, String location, Path dir) {
        StringBuilder html = new StringBuilder(4_096);
        Html.open(html, "Model quality of " + project, "DeepJUnit");
        html.append("<p>From the quality history ")
                .append("<code>")
                .append(Html.esc(location))
                .append("</code>: ")
                .append(models.size())
                .append(models.size() == 1 ? " model" : " models")
                .append(". Each model's page shows its trends over every recorded run, its robustness curves, and the"
                        + " gates, figures per slice, fairness figures and confusion matrix of each test's latest"
                        + " run.</p>\n");
        if (models.isEmpty()) {
            html.append("<p class=\"note\">No runs are recorded for this project.</p>\n");
        } else {
            html.append("<table class=\"models\"><thead><tr><th>Model</th><th>Runs</th><th>Latest run</th>"
                    + "<th>Latest figures</th><th>Gates of the latest runs</th></tr></thead><tbody>\n");
            for (ModelHistory m : models) {
                row(m, html);
            }
            html.append("</tbody></table>\n");
        }
        Html.close(html);
        AtomicFiles.writeString(dir.resolve(FILE), html.toString());
    }

    private static void row(ModelHistory m, StringBuilder html) {
        html.append("<tr><td><a href=\"")
                .append(Html.esc(m.file()))
                .append(".html\">")
                .append(Html.esc(m.model()))
                .append("</a></td><td class=\"num\">")
                .append(m.runs().size())
                .append("</td><td>")
                .append(Html.time(m.latest().time()))
                .append("</td><td>");
        boolean first = true;
        for (Series s : m.series()) {
            Series.Point last = null;
            for (Series.Point p : s.points()) {
                if (p.hasValue()) {
                    last = p;
                }
            }
            if (last != null) {
                html.append(first ? "" : "<br>")
                        .append(Html.esc(s.label()))
                        .append(" ")
                        .append(Html.value(last.value()));
                first = false;
            }
        }
        html.append("</td><td>").append(verdicts(m.latestVerdicts())).append("</td></tr>\n");
    }

    /** "2 failed, 1 inconclusive, 11 passed", each in its colour; "no gates" without any. */
    static String verdicts(List<FigureRecord> verdicts) {
        StringBuilder text = new StringBuilder();
        for (String verdict : List.of("failed", "inconclusive", "passed")) {
            long count =
                    verdicts.stream().filter(f -> f.verdict().equals(verdict)).count();
            if (count > 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append("<span class=\"")
                        .append(verdict)
                        .append("\">")
                        .append(count)
                        .append(' ')
                        .append(verdict)
                        .append("</span>");
            }
        }
        return text.length() == 0 ? "no gates" : text.toString();
    }
}
