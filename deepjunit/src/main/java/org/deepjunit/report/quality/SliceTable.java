package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.report.NaturalOrder;

/**
 * A run's figures as a table: a row per figure (metric, coverage…), a column per slice (the whole set first, then
 * {@code class=2} before {@code class=10}), and a last row with each slice's n. A cell whose n differs from its
 * slice's says its own.
 */
final class SliceTable {

    /** Slices in reading order: the whole set first, then by text with numbers compared as numbers. */
    static final Comparator<String> SLICES =
            Comparator.comparing((String s) -> !Series.whole(s)).thenComparing(NaturalOrder.INSTANCE);

    /** Kinds with a section of their own on the page: fairness figures and the groups' confusion counts. */
    static final Set<String> OWN_SECTION = Set.of("fairness", "group confusion");

    private SliceTable() {}

    static void write(RunRecord run, StringBuilder html) {
        Map<String, Map<String, FigureRecord>> rows = new LinkedHashMap<>();
        Map<String, Long> sliceN = new TreeMap<>(SLICES);
        for (FigureRecord f : run.figures()) {
            if (Series.NOT_TRENDS.contains(f.kind()) || OWN_SECTION.contains(f.kind())) {
                continue;
            }
            String row = f.kind().equals("metric") ? f.name() : f.kind() + ": " + f.name();
            rows.computeIfAbsent(row, r -> new TreeMap<>(SLICES)).putIfAbsent(f.slice(), f);
            sliceN.putIfAbsent(f.slice(), f.n());
        }
        if (rows.isEmpty()) {
            html.append("<p class=\"note\">No figures in this run.</p>\n");
            return;
        }
        List<String> slices = new ArrayList<>(sliceN.keySet());
        html.append("<table class=\"slices\"><thead><tr><th>Figure</th>");
        for (String slice : slices) {
            html.append("<th>")
                    .append(Html.esc(slice.isEmpty() ? "all" : slice))
                    .append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        rows.forEach((row, bySlice) -> {
            html.append("<tr><th>").append(Html.esc(row)).append("</th>");
            for (String slice : slices) {
                FigureRecord f = bySlice.get(slice);
                html.append("<td class=\"num\">");
                if (f != null) {
                    html.append(Html.value(f.value()));
                    if (f.n() != sliceN.get(slice)) {
                        html.append(" (n = ").append(f.n()).append(')');
                    }
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("<tr class=\"n\"><th>n</th>");
        for (String slice : slices) {
            html.append("<td class=\"num\">").append(sliceN.get(slice)).append("</td>");
        }
        html.append("</tr>\n</tbody></table>\n");
    }
}
