package org.deepjunit;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.fairness.Fairness;
import org.deepjunit.fairness.FairnessFigure;
import org.deepjunit.fairness.FairnessReport;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.metrics.ConfusionMatrix;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fairness reports and verdicts of one {@link ModelQuality} test, and how they become report entries
 * ({@code deepjunit.fairness.<model>.<figure>[<slice>]}) and history figures: {@code fairness} (each figure with its
 * interval and its gate's verdict) and {@code group confusion} (each group's mergeable counts, one
 * {@code "true,predicted"} cell a figure, the group as its slice).
 */
final class FairnessRuns {

    /** One computed report and the verdicts of the gates on it. */
    private record Run(FairnessReport report, List<GateVerdict> verdicts) {}

    private final List<Run> runs = new ArrayList<>();

    /** {@code fairness}, recording every report it computes and the verdicts on its latest. */
    Fairness track(Fairness fairness) {
        List<Run> own = new ArrayList<>();
        return fairness.onReport(report -> added(own, report)).onVerdicts(verdicts -> judged(own, verdicts));
    }

    private synchronized void added(List<Run> own, FairnessReport report) {
        Run run = new Run(report, new ArrayList<>());
        own.add(run);
        runs.add(run);
    }

    private synchronized void judged(List<Run> own, List<GateVerdict> verdicts) {
        own.get(own.size() - 1).verdicts().addAll(verdicts);
    }

    /** Publishes the figures of {@code model}'s reports as report entries, and returns them as history figures. */
    synchronized List<FigureRecord> finish(ExtensionContext context, String model) {
        List<FigureRecord> records = new ArrayList<>();
        for (Run run : runs) {
            if (!run.report().model().equals(model)) {
                continue;
            }
            for (FairnessFigure f : run.report().figures()) {
                if (!Double.isFinite(f.value())) {
                    continue; // a rate no group has, or a ratio over a zero rate: nothing to chart
                }
                boolean interval = Double.isFinite(f.lower()) && Double.isFinite(f.upper());
                records.add(new FigureRecord(
                        "fairness",
                        f.name(),
                        f.slice(),
                        f.value(),
                        f.n(),
                        interval ? f.lower() : Double.NaN,
                        interval ? f.upper() : Double.NaN,
                        verdict(run.verdicts(), f)));
                context.publishReportEntry(
                        "deepjunit.fairness." + model + "." + f.name() + "[" + f.slice() + "]",
                        String.valueOf(f.value()));
            }
            for (String group : run.report().groups()) {
                ConfusionMatrix m = run.report().counts().matrix(group);
                for (int t = 0; t < m.classes(); t++) {
                    for (int p = 0; p < m.classes(); p++) {
                        if (m.count(t, p) > 0) {
                            records.add(
                                    FigureRecord.of("group confusion", t + "," + p, group, m.count(t, p), m.total()));
                        }
                    }
                }
            }
        }
        return records;
    }

    /** The worst verdict a gate gave the figure (failed, then inconclusive, then passed), or null if none judged it. */
    private static String verdict(List<GateVerdict> verdicts, FairnessFigure f) {
        List<GateVerdict.Status> worstFirst =
                List.of(GateVerdict.Status.FAILED, GateVerdict.Status.INCONCLUSIVE, GateVerdict.Status.PASSED);
        return verdicts.stream()
                .filter(v -> v.metric().equals(f.name()) && v.slice().equals(f.slice()))
                .map(GateVerdict::status)
                .min(java.util.Comparator.comparingInt(worstFirst::indexOf))
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(null);
    }
}
