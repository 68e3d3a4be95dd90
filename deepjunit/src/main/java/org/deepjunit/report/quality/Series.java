package org.deepjunit.report.quality;

import java.util.List;
import java.util.Set;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * One figure of a model over its runs, for a trend chart: a metric (or coverage ratio, count of disagreements…) of
 * the whole data set. A point without a value (the run did not record it, or recorded no finite value) is skipped by
 * the chart and marked in the table.
 *
 * @param kind the figures' kind, e.g. {@code metric}
 * @param name the figures' name, e.g. {@code accuracy}
 * @param points one per run of the tests that recorded this figure, oldest first
 */
record Series(String kind, String name, List<Point> points) {

    /** Kinds that are no trend of their own: verdicts of gates and the confusion matrix's cells. */
    static final Set<String> NOT_TRENDS = Set.of("confusion", "gate", "change");

    /**
     * One run's value.
     *
     * @param number the run's number among all runs of the model, from 1
     * @param run the run
     * @param value the figure, NaN when the run has none
     */
    record Point(int number, RunRecord run, double value) {
        boolean hasValue() {
            return Double.isFinite(value);
        }
    }

    /** The title: the metric's name, or kind and name for other figures ("coverage: NC(t=0.25)"). */
    String label() {
        return kind.equals("metric") ? name : kind + ": " + name;
    }

    long skipped() {
        return points.stream().filter(p -> !p.hasValue()).count();
    }

    /** Whether {@code slice} stands for the whole data set: {@code ""} or {@code "all"}. */
    static boolean whole(String slice) {
        return slice.isEmpty() || slice.equals("all");
    }

    /** The run's figure of this kind and name for the whole data set, NaN when it has none. */
    static double valueIn(RunRecord run, String kind, String name) {
        for (FigureRecord f : run.figures()) {
            if (f.kind().equals(kind) && f.name().equals(name) && whole(f.slice())) {
                return f.value();
            }
        }
        return Double.NaN;
    }
}
