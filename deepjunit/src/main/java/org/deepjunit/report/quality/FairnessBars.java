package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.report.NaturalOrder;

/**
 * One per-group fairness rate of a run (selection rate, accuracy, TPR, FPR, possibly {@code "… of class c"}) over the
 * groups of one set of sensitive attributes, for a bar chart: the figures whose slice is a group ({@code "sex=F"},
 * {@code "sex=F & age=<30"}), not a comparison ({@code "sex=F vs sex=M"}, {@code "sex & age"}). Groups of
 * different attributes (a test judging by sex, then by sex and age) are separate charts, so that each chart's groups
 * partition the samples and its overall rate is the whole set's.
 *
 * @param metric the rate, e.g. {@code selection rate}
 * @param attributes what the groups are by, e.g. {@code sex & age}
 * @param groups the rate of each group with its interval and n, {@code class=2} before {@code class=10}
 * @param overall the rate over all the groups' samples: the groups' rates weighted by their n (which for each rate
 *     is its denominator: a group's samples, positives for a TPR, negatives for an FPR), NaN when every n is 0
 */
record FairnessBars(String metric, String attributes, List<FigureRecord> groups, double overall) {

    private static final Comparator<FigureRecord> BY_GROUP =
            Comparator.comparing(FigureRecord::slice, NaturalOrder.INSTANCE);

    /** The bar charts of {@code run}'s per-group fairness figures, in the order first recorded. */
    static List<FairnessBars> of(RunRecord run) {
        Map<List<String>, List<FigureRecord>> charts = new LinkedHashMap<>();
        for (FigureRecord f : run.figures()) {
            String attributes = attributes(f);
            if (attributes != null) {
                charts.computeIfAbsent(List.of(f.name(), attributes), k -> new ArrayList<>())
                        .add(f);
            }
        }
        List<FairnessBars> bars = new ArrayList<>();
        charts.forEach((key, groups) -> {
            double weighted = 0;
            long n = 0;
            for (FigureRecord g : groups) {
                weighted += g.value() * g.n();
                n += g.n();
            }
            bars.add(new FairnessBars(
                    key.get(0),
                    key.get(1),
                    groups.stream().sorted(BY_GROUP).toList(),
                    n == 0 ? Double.NaN : weighted / n));
        });
        return bars;
    }

    /** What a per-group fairness figure's group is by ({@code "sex & age"}), or null for any other figure. */
    static String attributes(FigureRecord f) {
        if (!f.kind().equals("fairness") || f.slice().contains(" vs ")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String part : f.slice().split(" & ", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null; // "sex & age": a comparison over all groups
            }
            names.add(part.substring(0, eq));
        }
        return String.join(" & ", names);
    }

    /** The chart's title, e.g. {@code selection rate by sex}. */
    String title() {
        return metric + " by " + attributes;
    }
}
