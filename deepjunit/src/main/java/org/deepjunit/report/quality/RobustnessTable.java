package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The robustness section of a model page: the curves' image ({@link RobustnessChart}) and, below it, a row per
 * perturbation's latest run with its ε, clean and robust accuracy, attack success rate, n and time, so that every
 * point of the image is also readable as a number (and corruptions, which have no ε, are shown at all).
 */
final class RobustnessTable {

    private RobustnessTable() {}

    /** Writes the section of {@code rows}, the image as {@code png} in {@code dir}; nothing when there are no rows. */
    static void write(List<RobustnessRuns.Row> rows, String model, Path dir, String png, StringBuilder html) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<h2>Robustness</h2>\n<p>The latest run of ")
                .append(Html.esc(model))
                .append(" under each perturbation.</p>\n");
        Map<String, Long> epsilons = rows.stream()
                .filter(r -> !Double.isNaN(r.epsilon()))
                .collect(Collectors.groupingBy(RobustnessRuns.Row::attack, Collectors.counting()));
        if (!epsilons.isEmpty()) {
            if (epsilons.values().stream().allMatch(n -> n == 1)) {
                html.append("<p class=\"note points-only\">Each attack was run at one ε only: the chart shows its"
                        + " point and the clean accuracy at ε = 0, not a curve.</p>\n");
            }
            Charts.image(
                    dir,
                    png,
                    () -> RobustnessChart.png(rows),
                    RobustnessChart.WIDTH,
                    RobustnessChart.HEIGHT,
                    "robustness",
                    "Accuracy of " + model + " against ε for " + epsilons.size()
                            + (epsilons.size() == 1 ? " attack" : " attacks") + "; the figures are in the table below",
                    html);
        }
        html.append("<table class=\"robustness\"><thead><tr><th>Perturbation</th><th>Attack</th><th>ε</th>"
                + "<th>Clean accuracy</th><th>Robust accuracy</th><th>Attack success rate</th><th>n</th>"
                + "<th>Time</th></tr></thead><tbody>\n");
        for (RobustnessRuns.Row r : rows) {
            html.append("<tr><td><code>")
                    .append(Html.esc(r.perturbation()))
                    .append("</code></td><td>")
                    .append(Html.esc(r.attack()))
                    .append("</td><td class=\"num\">")
                    .append(Double.isNaN(r.epsilon()) ? "-" : Html.esc(Double.toString(r.epsilon())))
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
}
