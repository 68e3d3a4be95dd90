package org.deepjunit.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.deepjunit.fairness.FairnessMetric.Kind;

/**
 * Turns the groups' confusion counts into figure definitions: what each figure is and how it is computed from
 * counts {@code [group][true][predicted]}, so that the same definition gives the observed value and every bootstrap
 * resample's. A comparison of groups is fixed to the groups observed as lowest and highest (and, for equalized
 * odds, the rate with the larger gap): each resample measures that same gap, so many alike groups do not inflate
 * the interval as re-picking the extremes in every resample would.
 */
final class Figures {

    /** A figure before its interval. */
    record Spec(
            FairnessMetric metric,
            String name,
            String slice,
            int positiveClass,
            long n,
            String detail,
            String inconclusive,
            String leftOut,
            ToDoubleFunction<long[][][]> value) {}

    /** The gap between two fixed groups' rates: {@code hi − lo}, or {@code lo / hi} for a ratio. */
    private record Gap(Rate rate, int c, int lo, int hi, boolean ratio) {
        double value(long[][][] t) {
            double low = rate.value(t[lo], c);
            double high = rate.value(t[hi], c);
            return ratio ? Figures.ratio(low, high) : high - low;
        }
    }

    private final List<String> groups;
    private final long[][][] tables;
    private final int classes;
    private final int privileged;
    private final int minimum;
    private final String grouping;

    /**
     * @param privileged the privileged group's index in {@code groups}, or -1 for none
     * @param minimum the fewest samples a rate may be computed on and be decided
     */
    Figures(List<String> groups, long[][][] tables, int classes, int privileged, int minimum, String grouping) {
        this.groups = groups;
        this.tables = tables;
        this.classes = classes;
        this.privileged = privileged;
        this.minimum = minimum;
        this.grouping = grouping;
    }

    /** The figures of {@code metric} for positive class {@code c}. */
    List<Spec> of(FairnessMetric metric, int c) {
        int positive = metric.classIndependent() ? -1 : c;
        String name = metric.label() + (positive < 0 || (classes == 2 && c == 1) ? "" : " of class " + c);
        if (metric.kind() == Kind.PER_GROUP) {
            return perGroup(metric, name, c, positive);
        }
        if (metric.kind() == Kind.VERSUS_PRIVILEGED && privileged >= 0) {
            return versusPrivileged(metric, name, c);
        }
        return List.of(between(metric, name, c, positive, metric.kind() != Kind.DIFFERENCE));
    }

    private List<Spec> perGroup(FairnessMetric metric, String name, int c, int positive) {
        Rate rate = metric.rates().get(0);
        List<Spec> specs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int group = g;
            specs.add(new Spec(
                    metric,
                    name,
                    groups.get(g),
                    positive,
                    rate.denominator(tables[g], c),
                    "",
                    tooSmall(rate, g, c),
                    "",
                    t -> rate.value(t[group], c)));
        }
        return specs;
    }

    /** One figure over all groups large enough: the largest gap (or smallest ratio) between two of them. */
    private Spec between(FairnessMetric metric, String name, int c, int positive, boolean ratio) {
        List<String> small = new ArrayList<>();
        List<String> details = new ArrayList<>();
        boolean[] compared = new boolean[groups.size()];
        String inconclusive = "";
        Gap chosen = null;
        for (Rate rate : metric.rates()) {
            List<Integer> large = new ArrayList<>();
            List<Integer> defined = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                String why = tooSmall(rate, g, c);
                if (why.isEmpty()) {
                    large.add(g);
                } else if (!small.contains(why)) {
                    small.add(why);
                }
                if (rate.denominator(tables[g], c) > 0) {
                    defined.add(g);
                }
            }
            if (large.size() < 2) {
                inconclusive = "fewer than two groups have enough samples for the " + rate.label() + ": "
                        + String.join("; ", small);
            }
            List<Integer> candidates = large.size() >= 2 ? large : defined;
            if (candidates.size() < 2) {
                continue;
            }
            Gap gap = extremes(rate, c, candidates, ratio);
            candidates.forEach(g -> compared[g] = true);
            details.add(rate.label() + " from " + fmt(rate.value(tables[gap.lo()], c)) + " (" + groups.get(gap.lo())
                    + ") to " + fmt(rate.value(tables[gap.hi()], c)) + " (" + groups.get(gap.hi()) + ")");
            if (chosen == null
                    || (ratio ? gap.value(tables) < chosen.value(tables) : gap.value(tables) > chosen.value(tables))) {
                chosen = gap;
            }
        }
        long n = 0;
        for (int g = 0; g < groups.size(); g++) {
            n += compared[g] ? Rate.ACCURACY.denominator(tables[g], c) : 0;
        }
        Gap fixed = chosen;
        return new Spec(
                metric,
                name,
                grouping,
                positive,
                n,
                String.join("; ", details),
                inconclusive,
                inconclusive.isEmpty() ? String.join("; ", small) : "",
                fixed == null ? t -> Double.NaN : fixed::value);
    }

    /** Disparate impact of each unprivileged group: its selection rate over the privileged group's. */
    private List<Spec> versusPrivileged(FairnessMetric metric, String name, int c) {
        Rate rate = metric.rates().get(0);
        List<Spec> specs = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (g == privileged) {
                continue;
            }
            Gap gap = new Gap(rate, c, g, privileged, true);
            List<String> why = new ArrayList<>();
            for (String w : List.of(tooSmall(rate, g, c), tooSmall(rate, privileged, c))) {
                if (!w.isEmpty()) {
                    why.add(w);
                }
            }
            specs.add(new Spec(
                    metric,
                    name,
                    groups.get(g) + " vs " + groups.get(privileged),
                    c,
                    rate.denominator(tables[g], c) + rate.denominator(tables[privileged], c),
                    rate.label() + " " + fmt(rate.value(tables[g], c)) + " (" + groups.get(g) + ") against "
                            + fmt(rate.value(tables[privileged], c)) + " (" + groups.get(privileged) + ")",
                    String.join("; ", why),
                    "",
                    gap::value));
        }
        return specs;
    }

    /** The lowest (first of equals) and highest (last of equals) of the candidates' rates. */
    private Gap extremes(Rate rate, int c, List<Integer> candidates, boolean ratio) {
        int lo = candidates.get(0);
        int hi = candidates.get(0);
        for (int g : candidates) {
            double v = rate.value(tables[g], c);
            if (v < rate.value(tables[lo], c)) {
                lo = g;
            }
            if (v >= rate.value(tables[hi], c)) {
                hi = g;
            }
        }
        return new Gap(rate, c, lo, hi, ratio);
    }

    /** Why group {@code g} is too small for {@code rate}, e.g. "group sex=F has n = 12 < 30"; empty if it is not. */
    private String tooSmall(Rate rate, int g, int c) {
        long d = rate.denominator(tables[g], c);
        return d < minimum ? "group " + groups.get(g) + " has " + rate.size(d, c) + " < " + minimum : "";
    }

    /** {@code a / b}, with two equal rates (0 and 0 included) at 1. */
    static double ratio(double a, double b) {
        return a == b ? 1 : a / b;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
