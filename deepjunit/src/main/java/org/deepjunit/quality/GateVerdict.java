package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What one gate decided for one metric on one slice, with the figures it decided on; {@link #message()} reads like
 * a JaCoCo rule message. Baseline, change and interval are {@code NaN} for a gate without a baseline. A fairness
 * gate ({@code org.deepjunit.fairness.FairnessGates}) has no baseline: its interval is the value's own.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record GateVerdict(
        Status status,
        String model,
        String metric,
        String slice,
        int n,
        double value,
        double baseline,
        double change,
        double lower,
        double upper,
        double pValue,
        String message) {

    /** A gate's outcome. */
    public enum Status {
        PASSED,
        FAILED,
        /** Too few samples to decide either way: neither passes nor fails by chance. */
        INCONCLUSIVE
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /**
     * {@code verdicts}, if none failed; otherwise an {@link AssertionError} listing every failed one's message under
     * a count such as "2 quality gates failed:".
     *
     * <pre>{@code
     * return GateVerdict.noneFailed(verdicts, "quality gate");
     * }</pre>
     *
     * @param gate what a gate is called, singular, e.g. "quality gate" or "fairness gate"
     */
    @API(status = EXPERIMENTAL, since = "0.5")
    public static java.util.List<GateVerdict> noneFailed(java.util.List<GateVerdict> verdicts, String gate) {
        java.util.List<String> failed = verdicts.stream()
                .filter(GateVerdict::failed)
                .map(GateVerdict::message)
                .toList();
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " " + gate + (failed.size() == 1 ? "" : "s") + " failed:\n"
                    + String.join("\n", failed));
        }
        return verdicts;
    }
}
