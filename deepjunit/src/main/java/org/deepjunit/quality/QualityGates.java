package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.Metric;

/**
 * Gates on an {@link Evaluation}, as {@code jacoco:check} rules are on coverage: absolute bounds per metric and slice,
 * and, against a baseline evaluated on the same samples, the largest drop allowed. A change gate fails only on a
 * regression that is significant: when the whole confidence interval of the change (McNemar's test for
 * accuracy-like metrics, a paired bootstrap otherwise) lies beyond the allowed drop. A slice with fewer samples than
 * {@link #minimumSamples(int)} is inconclusive rather than passing or failing by chance.
 *
 * <pre>{@code
 * QualityGates.on(candidate)
 *         .against(baseline)                                        // another evaluation, or an approved file
 *         .gate(Metrics.ACCURACY, g -> g.atLeast(0.98).maxDrop(0.005))
 *         .gate(Metrics.MACRO_F1, g -> g.atLeast(0.97).perSlice())
 *         .check();                                                 // AssertionError naming every failed gate
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class QualityGates {

    /** Slices smaller than this are inconclusive by default (a common rule of thumb for paired tests). */
    public static final int DEFAULT_MINIMUM_SAMPLES = 30;

    private final Evaluation candidate;
    private Evaluation baseline;
    private String missingBaseline;
    private Consumer<List<GateVerdict>> listener = v -> {};
    private final List<Gate> gates = new ArrayList<>();
    private int minimumSamples = DEFAULT_MINIMUM_SAMPLES;
    private double confidence = 0.95;
    private long seed = 2017;

    private QualityGates(Evaluation candidate) {
        this.candidate = Objects.requireNonNull(candidate, "candidate");
    }

    public static QualityGates on(Evaluation candidate) {
        return new QualityGates(candidate);
    }

    /**
     * The evaluation change gates compare with: the same samples (equal dataset digests), another model or the
     * approved one.
     */
    public QualityGates against(Evaluation baseline) {
        Objects.requireNonNull(baseline, "baseline");
        if (!baseline.datasetDigest().equals(candidate.datasetDigest())) {
            throw new IllegalArgumentException("The baseline " + baseline.model() + " was evaluated on other data"
                    + " (dataset digest " + abbreviate(baseline.datasetDigest()) + ") than " + candidate.model() + " ("
                    + abbreviate(candidate.datasetDigest()) + "): a change is only measured on the same samples;"
                    + " evaluate both on one dataset, or approve a new baseline for this one");
        }
        this.baseline = baseline;
        return this;
    }

    /**
     * The approved baseline {@code name} in {@code baselines} (see {@link QualityBaselines}); when none is approved
     * yet, change gates fail saying so and where the received baseline is.
     */
    public QualityGates againstApproved(QualityBaselines baselines, String name) {
        Optional<Evaluation> approved = baselines.approved(name);
        if (approved.isPresent()) {
            return against(approved.get());
        }
        missingBaseline = "No approved quality baseline " + baselines.approvedFile(name) + ": this run's is"
                + " written beside it as .received files. Review them, then rename received to approved, or run"
                + " once with -D" + QualityBaselines.APPROVE + "=true";
        return this;
    }

    /** Called with every verdict once they are computed, passed or not (to record them). */
    public QualityGates onVerdicts(Consumer<List<GateVerdict>> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Gates on {@code metric}, set by {@code gate}. */
    public QualityGates gate(Metric metric, Consumer<Gate> gate) {
        Gate g = new Gate(Objects.requireNonNull(metric, "metric"));
        gate.accept(g);
        g.validate();
        gates.add(g);
        return this;
    }

    /** Fewer samples than this in a slice make its gates inconclusive; default {@value #DEFAULT_MINIMUM_SAMPLES}. */
    public QualityGates minimumSamples(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("minimumSamples must be at least 1, was " + minimum);
        }
        this.minimumSamples = minimum;
        return this;
    }

    /** The confidence level of change intervals, e.g. 0.95 (default) or 0.99. */
    public QualityGates confidence(double level) {
        if (!(level > 0.5 && level < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0.5, 1), was " + level);
        }
        this.confidence = level;
        return this;
    }

    /** The bootstrap's seed, so that a run is repeatable; default 2017. */
    public QualityGates seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Every gate's verdict, in the order gates and slices were given; nothing thrown. */
    public List<GateVerdict> verdicts() {
        boolean changeGates = gates.stream().anyMatch(Gate::hasChangeLimit);
        if (changeGates && baseline == null && missingBaseline == null) {
            throw new IllegalStateException(
                    "A gate limits the change against a baseline, but none was given: call" + " against(baseline)");
        }
        // Without an approved baseline every figure is still computed (against the candidate itself), so that the
        // received baseline holds them all; then the change gates cannot be judged, and say so.
        Evaluation judgedAgainst = baseline != null ? baseline : candidate;
        List<GateVerdict> verdicts = new ArrayList<>();
        for (Gate gate : gates) {
            for (String slice : gate.slicesOf(candidate)) {
                verdicts.add(
                        GateCheck.verdict(gate, candidate, judgedAgainst, slice, minimumSamples, confidence, seed));
            }
        }
        listener.accept(List.copyOf(verdicts));
        if (changeGates && baseline == null) {
            throw new AssertionError(missingBaseline);
        }
        return List.copyOf(verdicts);
    }

    /**
     * Checks every gate.
     *
     * @return the verdicts, passed and inconclusive ones included
     * @throws AssertionError listing every failed gate's message
     */
    public List<GateVerdict> check() {
        if (gates.isEmpty()) {
            throw new IllegalStateException("No gate to check on " + candidate.model() + ": add one with"
                    + " gate(metric, g -> g.atLeast(…)), or the check could never fail");
        }
        return GateVerdict.noneFailed(verdicts(), "quality gate");
    }

    static String abbreviate(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) + "…" : digest;
    }
}
