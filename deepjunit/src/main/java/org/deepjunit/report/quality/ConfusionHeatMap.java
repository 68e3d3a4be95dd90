package org.deepjunit.report.quality;

import java.util.List;
import java.util.Locale;

/**
 * A run's confusion matrix as an HTML heat map, below its image ({@link ConfusionChart}): the exact counts, readable
 * by screen readers and copyable, which a picture is not. A row per true class, a column per predicted class, each
 * cell showing its count and shaded by its share of its row (right answers green, wrong ones red; an empty cell is
 * white). Matrices of more than {@value #MAX_CLASSES} classes are left out with a note: such a table is unreadable.
 */
final class ConfusionHeatMap {

    static final int MAX_CLASSES = 50;

    private ConfusionHeatMap() {}

    /** Writes the table of {@code cells}, or a note where there is none or it is too large to read. */
    static void write(ConfusionCells cells, StringBuilder html) {
        List<String> labels = cells.labels();
        if (labels.isEmpty()) {
            html.append("<p class=\"note\">No confusion matrix in this run.</p>\n");
            return;
        }
        if (labels.size() > MAX_CLASSES) {
            html.append("<p class=\"note\">The confusion matrix has ")
                    .append(labels.size())
                    .append(" classes, more than the ")
                    .append(MAX_CLASSES)
                    .append(" shown; its counts are in the history.</p>\n");
            return;
        }
        html.append("<table class=\"confusion\"><thead><tr><th>true \\ predicted</th>");
        for (String p : labels) {
            html.append("<th>").append(Html.esc(p)).append("</th>");
        }
        html.append("<th>total</th></tr></thead><tbody>\n");
        for (String t : labels) {
            html.append("<tr><th>").append(Html.esc(t)).append("</th>");
            for (String p : labels) {
                cell(html, t, p, cells.count(t, p), cells.share(t, p));
            }
            html.append("<td class=\"num\">").append(cells.rowTotal(t)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (cells.unreadable() > 0) {
            html.append("<p class=\"note\">")
                    .append(cells.unreadable())
                    .append(" confusion figures were not named \"true,predicted\" and are left out.</p>\n");
        }
    }

    private static void cell(StringBuilder html, String t, String p, long count, double share) {
        String shade = String.format(Locale.ROOT, "%.3f", share);
        String rgb = t.equals(p) ? "0,128,0" : "192,0,0";
        String percent = String.format(Locale.ROOT, "%.1f %%", 100 * share);
        html.append("<td class=\"num\" data-share=\"")
                .append(shade)
                .append("\" title=\"true ")
                .append(Html.esc(t))
                .append(", predicted ")
                .append(Html.esc(p))
                .append(": ")
                .append(count)
                .append(" (")
                .append(percent)
                .append(" of the row)\" style=\"background:rgba(")
                .append(rgb)
                .append(',')
                .append(shade)
                .append(')')
                .append(share > 0.55 ? ";color:#fff" : "")
                .append("\">")
                .append(count)
                .append("</td>");
    }
}
