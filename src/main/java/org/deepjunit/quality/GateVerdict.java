package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What one gate decided for one metric on one slice, with the figures it decided on; {@link #message()} reads like
 * a JaCoCo rule message. Baseline, change and interval are {@code NaN} for a gate without a baseline.
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
}
