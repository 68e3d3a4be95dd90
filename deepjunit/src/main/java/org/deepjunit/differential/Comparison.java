package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What an {@link OutputOracle} concluded about one input's two outputs.
 *
 * @param agrees             whether the model under test agrees with the reference
 * @param reason             why not, in words (empty when they agree)
 * @param maxDifference      the largest absolute element-wise difference
 * @param maxDifferenceIndex the flat output index where it occurs (-1 for an empty output)
 */
@API(status = STABLE, since = "0.1")
public record Comparison(boolean agrees, String reason, double maxDifference, int maxDifferenceIndex) {

    public Comparison {
        reason = reason == null ? "" : reason;
    }
}
