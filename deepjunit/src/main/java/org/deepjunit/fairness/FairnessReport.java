package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The fairness figures of one model's predictions, by group, as {@link Fairness#report()} computes them: Fairlearn's
 * {@code MetricFrame.by_group} (the per-group figures), {@code difference()} and {@code ratio()} (the figures over
 * all groups), and AIF360's disparate impact, each with its bootstrap interval or the reason it is inconclusive.
 * {@link #toString()} lists them all.
 *
 * <pre>{@code
 * FairnessReport report = Fairness.of(evaluation, Slicing.byColumn(csv, "sex")).privileged("sex=M").report();
 * double di = report.figure(FairnessMetric.DISPARATE_IMPACT, "sex=F vs sex=M").value();
 * long women = report.counts().binary("sex=F", 1).n();
 * }</pre>
 *
 * @param model the model's name
 * @param modelFingerprint its fingerprint, {@code ""} where unknown
 * @param datasetDigest the evaluated data's digest, {@code ""} where unknown
 * @param grouping what the groups are by, e.g. {@code "sex & age"}
 * @param counts each group's confusion matrix, every figure's source
 * @param positiveClasses the positive classes judged (one-vs-rest)
 * @param privileged the privileged group of disparate impact, {@code ""} for none
 * @param minimumGroupSize the fewest samples a rate is decided on
 * @param confidence the intervals' level, e.g. 0.95
 * @param resamples the bootstrap's resamples
 * @param seed the bootstrap's seed
 * @param figures every figure: per positive class, per metric in {@link FairnessMetric}'s order
 * @param samples each sample's group, true and predicted class, which change gates pair on; {@link
 *     FairnessSamples#NONE} for a report of counts
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record FairnessReport(
        String model,
        String modelFingerprint,
        String datasetDigest,
        String grouping,
        GroupCounts counts,
        List<Integer> positiveClasses,
        String privileged,
        int minimumGroupSize,
        double confidence,
        int resamples,
        long seed,
        List<FairnessFigure> figures,
        FairnessSamples samples) {

    /** Copies the lists; null {@code samples} is {@link FairnessSamples#NONE}, a report of counts gathered elsewhere. */
    public FairnessReport {
        positiveClasses = List.copyOf(positiveClasses);
        figures = List.copyOf(figures);
        samples = samples == null ? FairnessSamples.NONE : samples;
    }

    /** The groups, in order. */
    public List<String> groups() {
        return counts.groups();
    }

    /** The figures of {@code metric}, every class's. */
    public List<FairnessFigure> figures(FairnessMetric metric) {
        return figures.stream().filter(f -> f.metric() == metric).toList();
    }

    /** The figure of {@code metric} on {@code slice}; with several positive classes, name one (the other method). */
    public FairnessFigure figure(FairnessMetric metric, String slice) {
        List<FairnessFigure> found =
                figures(metric).stream().filter(f -> f.slice().equals(slice)).toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException("The report of " + model + " has " + metric.label() + " on " + slice
                    + " for " + found.size() + " positive classes: name the class, figure(metric, c, slice)");
        }
        return found.stream().findFirst().orElseThrow(() -> unknown(metric, slice));
    }

    /** The figure of {@code metric} for positive class {@code c} on {@code slice}. */
    public FairnessFigure figure(FairnessMetric metric, int c, String slice) {
        return figures(metric).stream()
                .filter(f -> f.slice().equals(slice) && (f.positiveClass() == c || f.positiveClass() < 0))
                .findFirst()
                .orElseThrow(() -> unknown(metric, slice + " (positive class " + c + ")"));
    }

    private IllegalArgumentException unknown(FairnessMetric metric, String slice) {
        return new IllegalArgumentException("The report of " + model + " has no " + metric.label() + " on " + slice
                + "; its slices are "
                + figures(metric).stream().map(FairnessFigure::slice).distinct().toList());
    }

    /** Every figure, one a line, with its interval or why it is inconclusive. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "Fairness of %s by %s (positive class %s%s; %d%% intervals from %d stratified resamples, seed %d;"
                        + " rates on fewer than %d samples inconclusive)",
                model,
                grouping,
                positiveClasses.size() == 1 ? positiveClasses.get(0) : positiveClasses + " one-vs-rest",
                privileged.isEmpty() ? "" : ", privileged " + privileged,
                Math.round(confidence * 100),
                resamples,
                seed,
                minimumGroupSize));
        for (FairnessFigure f : figures) {
            s.append(String.format(
                    Locale.ROOT, "%n  %s (%s, n = %d) = %s", f.name(), f.slice(), f.n(), Figures.fmt(f.value())));
            s.append(
                    f.conclusive()
                            ? " [" + Figures.fmt(f.lower()) + ", " + Figures.fmt(f.upper()) + "]"
                            : " inconclusive: " + f.inconclusive());
            if (!f.leftOut().isEmpty()) {
                s.append("; left out: ").append(f.leftOut());
            }
        }
        return s.toString();
    }
}
