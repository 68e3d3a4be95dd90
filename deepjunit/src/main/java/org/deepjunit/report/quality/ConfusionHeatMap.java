package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * A run's confusion matrix ({@code confusion} figures named {@code "true,predicted"}) as an HTML heat map: a row per
 * true class, a column per predicted class, each cell showing its count and shaded by its share of its row (right
 * answers green, wrong ones red; an empty cell is white). Matrices of more than {@value #MAX_CLASSES} classes are
 * left out with a note: such a table is unreadable.
 */
final class ConfusionHeatMap {

    static final int MAX_CLASSES = 50;

    private ConfusionHeatMap() {}

    static void write(RunRecord run, StringBuilder html) {
        Map<List<String>, Long> counts = new HashMap<>();
        TreeSet<String> classes = new TreeSet<>(SliceTable::natural);
        int unreadable = 0;
        for (FigureRecord f : run.figures()) {
            if (!f.kind().equals("confusion")) {
                continue;
            }
            String[] cell = f.name().split(",", -1);
            if (cell.length != 2 || cell[0].isBlank() || cell[1].isBlank()) {
                unreadable++;
                continue;
            }
            counts.merge(List.of(cell[0].trim(), cell[1].trim()), Math.round(f.value()), Long::sum);
            classes.add(cell[0].trim());
            classes.add(cell[1].trim());
        }
        if (classes.isEmpty()) {
            html.append("<p class=\"note\">No confusion matrix in this run.</p>\n");
            return;
        }
        if (classes.size() > MAX_CLASSES) {
            html.append("<p class=\"note\">The confusion matrix has ")
                    .append(classes.size())
                    .append(" classes, more than the ")
                    .append(MAX_CLASSES)
                    .append(" shown; its counts are in the history.</p>\n");
            return;
        }
        List<String> labels = new ArrayList<>(classes);
        html.append("<table class=\"confusion\"><thead><tr><th>true \\ predicted</th>");
        for (String p : labels) {
            html.append("<th>").append(Html.esc(p)).append("</th>");
        }
        html.append("<th>total</th></tr></thead><tbody>\n");
        for (String t : labels) {
            long total = 0;
            for (String p : labels) {
                total += counts.getOrDefault(List.of(t, p), 0L);
            }
            html.append("<tr><th>").append(Html.esc(t)).append("</th>");
            for (String p : labels) {
                long count = counts.getOrDefault(List.of(t, p), 0L);
                cell(html, t, p, count, total);
            }
            html.append("<td class=\"num\">").append(total).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (unreadable > 0) {
            html.append("<p class=\"note\">")
                    .append(unreadable)
                    .append(" confusion figures were not named \"true,predicted\" and are left out.</p>\n");
        }
    }

    private static void cell(StringBuilder html, String t, String p, long count, long rowTotal) {
        double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
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
