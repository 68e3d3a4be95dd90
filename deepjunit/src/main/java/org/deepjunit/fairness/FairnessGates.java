package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.deepjunit.quality.GateVerdict;

/**
 * Gates on a {@link FairnessReport}'s figures, in the vocabulary of the quality gates: a gate bounds a
 * {@link FairnessMetric} on every figure of it (each group, each pair compared with the privileged group, each
 * positive class). The decision uses the figure's bootstrap interval:
 *
 * <ul>
 *   <li><b>failed</b> when the whole interval is beyond the bound (a bias the data leave no doubt about);
 *   <li><b>passed</b> when the whole interval is within it;
 *   <li><b>inconclusive</b> when the interval contains the bound, or a group is smaller than the report's minimum
 *       group size: the data cannot tell, and the verdict says so rather than passing or failing by chance.
 * </ul>
 *
 * Only failed gates fail {@link #check()}; every verdict is returned and, under {@code @ModelQuality}, recorded.
 *
 * <pre>{@code
 * FairnessGates.on(report)
 *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
 *         .gate(FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.1))
 *         .check();      // AssertionError naming every failed gate
 * }</pre>
 *
 * A failure reads like a JaCoCo rule: {@code Fairness gate failed for credit: disparate impact (sex=F vs sex=M,
 * n = 800) is 0.6120 (95% interval 0.5310 to 0.6950), but expected minimum is 0.8000; selection rate 0.2950
 * (sex=F) against 0.4820 (sex=M)}.
 *
 * <p><b>Change gates.</b> {@link #against} a baseline's report (another model, e.g. v1, on the same samples and
 * groups), {@link FairnessGate#maxWorsening} bounds how much a figure may get worse (see
 * {@link FairnessMetric#worseningSign} for which way is worse). The change, candidate minus baseline, is judged on a
 * paired bootstrap: the samples are resampled, stratified as the reports' intervals are, and both models' figures
 * are computed on each resample. The rule is the absolute gates': failed when the whole interval of the worsening
 * is beyond the allowed one, passed when wholly within, else inconclusive; the same model against itself changes by
 * exactly 0 and always passes.
 *
 * <pre>{@code
 * FairnessGates.on(v2Report).against(v1Report)
 *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.05))
 *         .check();
 * // Fairness gate failed for v2 against v1: disparate impact (group=B vs group=A, n = 400) is 0.6000 against the
 * // baseline v1's 0.9000: change -0.3000 (95% interval -0.3900 to -0.2100), but the largest drop allowed is 0.0500;
 * // selection rate 0.3000 (group=B) against 0.5000 (group=A)
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class FairnessGates {

    private final FairnessReport report;
    private final List<FairnessGate> gates = new ArrayList<>();
    private Consumer<List<GateVerdict>> listener = v -> {};
    private FairnessChange change;
    private FairnessReport baseline;
    private String missingBaseline;

    private FairnessGates(FairnessReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    public static FairnessGates on(FairnessReport report) {
        return new FairnessGates(report);
    }

    /**
     * Judges {@link FairnessGate#maxWorsening} against {@code baseline}: the report of another model on the same
     * samples, grouped by the same attributes, with the same privileged group and positive classes.
     *
     * @throws IllegalArgumentException when the reports are not on the same samples and groups, or either was made
     *     from counts (a change is paired sample by sample)
     */
    public FairnessGates against(FairnessReport baseline) {
        this.change = new FairnessChange(report, Objects.requireNonNull(baseline, "baseline"));
        this.baseline = baseline;
        return this;
    }

    /** Change gates cannot be judged: no approved baseline, as {@code message} says; {@link #check()} fails so. */
    FairnessGates missingBaseline(String message) {
        this.missingBaseline = message;
        return this;
    }

    /** The baseline of {@link #against}, or {@code null} for none. */
    public FairnessReport baseline() {
        return baseline;
    }

    /** Adds a gate on {@code metric}, configured by {@code limits}, e.g. {@code g -> g.atLeast(0.8)}. */
    public FairnessGates gate(FairnessMetric metric, Consumer<FairnessGate> limits) {
        FairnessGate gate = new FairnessGate(Objects.requireNonNull(metric, "metric"));
        limits.accept(gate);
        gate.validate();
        if (gate.change() && change == null && missingBaseline == null) {
            throw new IllegalStateException("The gate on " + metric.label() + " bounds its worsening, but there is"
                    + " no baseline: call against(baselineReport) first");
        }
        gates.add(gate);
        return this;
    }

    /** Called with every verdict once they are computed, passed or not (to record them). */
    public FairnessGates onVerdicts(Consumer<List<GateVerdict>> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The report judged. */
    public FairnessReport report() {
        return report;
    }

    /** Every gate's verdict on every figure of its metric, in the order gates were given; nothing thrown. */
    public List<GateVerdict> verdicts() {
        List<GateVerdict> verdicts = new ArrayList<>();
        for (FairnessGate gate : gates) {
            if (gate.absolute()) {
                for (FairnessFigure figure : report.figures(gate.metric())) {
                    verdicts.add(FigureCheck.verdict(gate, figure, report));
                }
            }
            if (gate.change() && change != null) {
                verdicts.addAll(change.verdicts(List.of(gate)));
            }
        }
        listener.accept(List.copyOf(verdicts));
        if (change == null && missingBaseline != null && gates.stream().anyMatch(FairnessGate::change)) {
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
            throw new IllegalStateException("No gate to check on the fairness of " + report.model() + ": add one with"
                    + " gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8)), or the check could never fail");
        }
        return GateVerdict.noneFailed(verdicts(), "fairness gate");
    }
}
