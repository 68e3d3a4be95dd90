package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The robustness section of a model page: the curves' images ({@link RobustnessChart}: attacks against ε,
 * corruptions against severity) and, below them, a row per perturbation's latest run with its strength, clean and
 * robust accuracy, attack success rate, n and time, so that every point of the images is also readable as a number.
 */
final class RobustnessTable {

    private RobustnessTable() {}

    /**
     * Writes the section of {@code rows}, nothing when there are none: a chart per axis that has rows (attacks' ε,
     * corruptions' severity), then the table.
     *
     * @param png the image file, relative to the page, of a chart's name (stable across runs)
     */
    static void write(
            List<RobustnessRuns.Row> rows, String model, Path dir, UnaryOperator<String> png, StringBuilder html) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<h2>Robustness</h2>\n<p>The latest run of ")
                .append(Html.esc(model))
                .append(" under each perturbation.</p>\n");
        chart(rows, RobustnessRuns.EPSILON, "attack", model, dir, png.apply("robustness"), html);
        chart(rows, RobustnessRuns.SEVERITY, "corruption", model, dir, png.apply("robustness severity"), html);
        html.append("<table class=\"robustness\"><thead><tr><th>Perturbation</th><th>Attack</th><th>Strength</th>"
                + "<th>Clean accuracy</th><th>Robust accuracy</th><th>Attack success rate</th><th>n</th>"
                + "<th>Time</th></tr></thead><tbody>\n");
        for (RobustnessRuns.Row r : rows) {
            html.append("<tr><td><code>")
                    .append(Html.esc(r.perturbation()))
                    .append("</code></td><td>")
                    .append(Html.esc(r.attack()))
                    .append("</td><td class=\"num\">")
                    .append(strength(r))
                    .append("</td><td class=\"num\">")
                    .append(Html.value(r.clean()))
                    .append("</td><td class=\"num\">")
                    .append(Html.value(r.robust()))
                    .append("</td><td class=\"num\">")
                    .append(Html.value(r.successRate()))
                    .append("</td><td class=\"num\">")
                    .append(r.n())
                    .append("</td><td>")
                    .append(Html.time(r.run().time()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void chart(
            List<RobustnessRuns.Row> rows,
            String axis,
            String kind,
            String model,
            Path dir,
            String png,
            StringBuilder html) {
        Map<String, Long> strengths = rows.stream()
                .filter(r -> r.axis().equals(axis))
                .collect(Collectors.groupingBy(RobustnessRuns.Row::attack, Collectors.counting()));
        if (strengths.isEmpty()) {
            return;
        }
        if (strengths.values().stream().allMatch(n -> n == 1)) {
            html.append("<p class=\"note points-only\">Each ")
                    .append(kind)
                    .append(" was run at one ")
                    .append(axis)
                    .append(" only: the chart shows its point and the clean accuracy at ")
                    .append(axis)
                    .append(" = 0, not a curve.</p>\n");
        }
        Charts.image(
                dir,
                png,
                () -> RobustnessChart.png(rows, axis),
                RobustnessChart.WIDTH,
                RobustnessChart.HEIGHT,
                "robustness",
                "Accuracy of " + model + " against " + axis + " for " + strengths.size() + " " + kind
                        + (strengths.size() == 1 ? "" : "s") + "; the figures are in the table below",
                html);
    }

    private static String strength(RobustnessRuns.Row r) {
        if (r.axis().isEmpty()) {
            return "-";
        }
        return (r.axis().equals(RobustnessRuns.EPSILON) ? "ε = " : "severity ")
                + Html.esc(
                        r.axis().equals(RobustnessRuns.EPSILON)
                                ? Double.toString(r.strength())
                                : Long.toString(Math.round(r.strength())));
    }
}
