package org.deepjunit.report.quality;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deepjunit.quality.history.FigureRecord;

/**
 * Gate verdicts as a table, failed first, then inconclusive, then passed (in recorded order within each): the
 * metric and slice, what the gate measured (the change against the baseline, or the value it bounded), the
 * interval and n.
 */
final class GateTable {

    private static final Map<String, Integer> ORDER = Map.of("failed", 0, "inconclusive", 1, "passed", 2);

    private GateTable() {}

    static void write(List<FigureRecord> figures, StringBuilder html) {
        List<FigureRecord> verdicts = figures.stream()
                .filter(f -> f.verdict() != null)
                .sorted(Comparator.comparing(f -> ORDER.getOrDefault(f.verdict(), 3)))
                .toList();
        if (verdicts.isEmpty()) {
            html.append("<p class=\"note\">No gates.</p>\n");
            return;
        }
        html.append("<table class=\"gates\"><thead><tr><th>Verdict</th><th>Metric</th><th>Slice</th>"
                + "<th>Gate on</th><th>Measured</th><th>Interval</th><th>n</th></tr></thead><tbody>\n");
        for (FigureRecord f : verdicts) {
            boolean change = f.kind().equals("change");
            html.append("<tr class=\"")
                    .append(Html.esc(f.verdict()))
                    .append("\"><td class=\"")
                    .append(Html.esc(f.verdict()))
                    .append("\">")
                    .append(Html.esc(f.verdict()))
                    .append("</td><td>")
                    .append(Html.esc(f.name()))
                    .append("</td><td>")
                    .append(Html.esc(f.slice().isEmpty() ? "all" : f.slice()))
                    .append("</td><td>")
                    .append(
                            change
                                    ? "change against the baseline"
                                    : Html.esc(f.kind().equals("gate") ? "value" : f.kind()))
                    .append("</td><td class=\"num\">")
                    .append(change ? Html.change(f.value()) : Html.value(f.value()))
                    .append("</td><td class=\"num\">")
                    .append(f.hasInterval() ? interval(f, change) : "-")
                    .append("</td><td class=\"num\">")
                    .append(f.n())
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String interval(FigureRecord f, boolean change) {
        return change
                ? Html.change(f.lower()) + " to " + Html.change(f.upper())
                : Html.value(f.lower()) + " to " + Html.value(f.upper());
    }
}
