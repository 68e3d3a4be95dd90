package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One fairness figure of a {@link FairnessReport}: a group's rate, or a comparison of groups, with its bootstrap
 * interval, or the reason it is inconclusive.
 *
 * <pre>{@code
 * FairnessFigure di = report.figure(FairnessMetric.DISPARATE_IMPACT, "sex=F vs sex=M");
 * assertThat(di.lower()).isGreaterThanOrEqualTo(0.8);            // what a gate atLeast(0.8) checks to pass
 * }</pre>
 *
 * @param metric what the figure is
 * @param name the metric's label, with {@code " of class c"} for a positive class other than 1 of a binary model,
 *     e.g. "disparate impact", "true positive rate of class 2"
 * @param slice the group ({@code "sex=F"}), the pair compared ({@code "sex=F vs sex=M"}), or for a figure over all
 *     groups what they are by ({@code "sex & age"})
 * @param positiveClass the positive class, or -1 for a figure that has none (accuracy)
 * @param n the samples the figure is computed on: the group's samples that the rate counts (all of them, the
 *     positive ones for a TPR, the negative ones for an FPR), or the samples of the groups compared
 * @param value the figure; {@code NaN} where no group has the rate
 * @param lower the lower bound of its bootstrap interval; {@code NaN} when inconclusive
 * @param upper the upper bound; {@code NaN} when inconclusive, infinite where a resampled rate divides by 0
 * @param detail the rates behind a comparison, e.g. "selection rate 0.2950 (sex=F) against 0.4820 (sex=M)"
 * @param inconclusive why the figure cannot be decided, e.g. "group sex=F has n = 12 &lt; 30"; empty when it can
 * @param leftOut the groups a comparison over all groups left out as too small; empty when none
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record FairnessFigure(
        FairnessMetric metric,
        String name,
        String slice,
        int positiveClass,
        long n,
        double value,
        double lower,
        double upper,
        String detail,
        String inconclusive,
        String leftOut) {

    /** Whether the groups behind the figure are large enough to decide on it. */
    public boolean conclusive() {
        return inconclusive.isEmpty();
    }
}
