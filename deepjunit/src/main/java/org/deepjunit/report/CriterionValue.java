package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One coverage criterion's figure, e.g. a DeepGauge criterion.
 *
 * @param criterion e.g. "KMNC (k=10)", "NBC", "SNAC", "TKNC (k=2)", "TKNP (k=2)"
 * @param covered   covered items (sections, corners, neurons, patterns)
 * @param total     items in all; 0 for a plain count without a ratio, e.g. TKNP
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CriterionValue(String criterion, long covered, long total) {

    public CriterionValue {
        Checks.name(criterion, "criterion name");
        if (covered < 0 || total < 0) {
            throw new IllegalArgumentException("criterion " + criterion + ": counts must not be negative (covered "
                    + covered + ", total " + total + ")");
        }
        if (total > 0 && covered > total) {
            throw new IllegalArgumentException(
                    "criterion " + criterion + ": covered " + covered + " exceeds total " + total);
        }
    }

    /** Whether this is a plain count (total 0), with no ratio. */
    public boolean isCount() {
        return total == 0;
    }

    /** covered / total; NaN for a plain count. */
    public double ratio() {
        return Checks.ratio(covered, total);
    }
}
