package org.deepjunit.quality;

import java.util.Locale;
import org.deepjunit.quality.GateVerdict.Status;
import org.deepjunit.quality.metrics.Metric;

/** One gate on one slice: the figures, the decision and its message. */
final class GateCheck {

    private GateCheck() {}

    static GateVerdict verdict(
            Gate gate,
            Evaluation candidate,
            Evaluation baseline,
            String slice,
            int minimumSamples,
            double confidence,
            long seed) {
        Metric metric = gate.metric();
        int[] indices = candidate.indices(slice);
        int n = indices.length;
        String what = String.format(Locale.ROOT, "%s (%s, n = %d)", metric.name(), slice, n);
        String prefix = "Quality gate %s for " + candidate.model() + ": ";
        if (n < minimumSamples) {
            return new GateVerdict(
                    Status.INCONCLUSIVE,
                    candidate.model(),
                    metric.name(),
                    slice,
                    n,
                    valueOrNaN(candidate, metric, slice),
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    String.format(prefix, "inconclusive") + metric.name() + " (" + slice + "): n = " + n + " < "
                            + minimumSamples + ", too few samples to decide");
        }
        double value = candidate.value(metric, slice);
        StringBuilder failures = new StringBuilder();
        if (!Double.isNaN(gate.minimum()) && value < gate.minimum()) {
            failures.append(String.format(
                    Locale.ROOT, "%s is %s, but expected minimum is %s", what, fmt(value), fmt(gate.minimum())));
        }
        if (!Double.isNaN(gate.maximum()) && value > gate.maximum()) {
            append(
                    failures,
                    String.format(
                            Locale.ROOT,
                            "%s is %s, but expected maximum is %s",
                            what,
                            fmt(value),
                            fmt(gate.maximum())));
        }
        double base = Double.NaN;
        ChangeStatistics.Change change = null;
        if (gate.hasChangeLimit()) {
            base = baseline.value(metric, slice);
            change = ChangeStatistics.of(metric, candidate, baseline, indices, confidence, seed);
            double allowed = gate.allowedDrop(base);
            // worse = a drop in a greater-is-better metric, a rise in the others
            double worstPlausible = metric.greaterIsBetter() ? -change.upper() : change.lower();
            if (worstPlausible > allowed) {
                append(
                        failures,
                        String.format(
                                Locale.ROOT,
                                "%s is %s against the baseline's %s: change %s (%d%% interval %s to %s, %s), but the largest"
                                        + " %s allowed is %s",
                                what,
                                fmt(value),
                                fmt(base),
                                signed(change.difference()),
                                Math.round(confidence * 100),
                                signed(change.lower()),
                                signed(change.upper()),
                                change.test(),
                                metric.greaterIsBetter() ? "drop" : "rise",
                                fmt(allowed)));
            }
        }
        Status status = failures.length() > 0 ? Status.FAILED : Status.PASSED;
        String message = status == Status.FAILED
                ? String.format(prefix, "failed") + failures
                : String.format(prefix, "passed") + what + " is " + fmt(value)
                        + (change == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        ", change %s (%d%% interval %s to %s, %s)",
                                        signed(change.difference()),
                                        Math.round(confidence * 100),
                                        signed(change.lower()),
                                        signed(change.upper()),
                                        change.test()));
        return new GateVerdict(
                status,
                candidate.model(),
                metric.name(),
                slice,
                n,
                value,
                base,
                change == null ? Double.NaN : change.difference(),
                change == null ? Double.NaN : change.lower(),
                change == null ? Double.NaN : change.upper(),
                change == null ? Double.NaN : change.pValue(),
                message);
    }

    /** The value on a small slice, for the record; NaN where the metric has none (e.g. AUC on one class). */
    private static double valueOrNaN(Evaluation candidate, Metric metric, String slice) {
        try {
            return candidate.value(metric, slice);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    private static void append(StringBuilder failures, String failure) {
        if (failures.length() > 0) {
            failures.append("; ");
        }
        failures.append(failure);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4f", v);
    }
}
