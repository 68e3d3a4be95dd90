package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Checks on one attribution, AssertJ-style: each throws an {@link AssertionError} that says what was explained,
 * what was measured and what was expected.
 *
 * <pre>{@code
 * AttributionAssert.assertThat(Explain.integratedGradients(lenet5).explain(image))
 *         .hasCompletenessErrorBelow(0.01)                         // |Σ a − ΔF| / |ΔF| < 1%
 *         .hasMassInsideAtLeast(Mask.above(image, 0.1), 0.7)       // 70% of |a| on the digit
 *         .hasRankCorrelationAtLeast(expectedMap, 0.8);            // Spearman
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class AttributionAssert {

    private final Attribution actual;

    private AttributionAssert(Attribution actual) {
        this.actual = Objects.requireNonNull(actual, "attribution");
    }

    public static AttributionAssert assertThat(Attribution actual) {
        return new AttributionAssert(actual);
    }

    /** At least {@code share} of the absolute attribution mass lies inside {@code region}. */
    public AttributionAssert hasMassInsideAtLeast(Mask region, double share) {
        double mass = actual.massIn(region);
        if (Double.isNaN(mass)) {
            throw new AssertionError("The attribution of " + actual.describe() + " is zero everywhere: no share of it"
                    + " lies inside region '" + region.name() + "'");
        }
        if (mass < share) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "%s puts %.3f of its attribution mass inside region '%s' (%d of %d elements), but expected at"
                            + " least %.3f",
                    capitalised(),
                    mass,
                    region.name(),
                    region.count(),
                    region.shape().size(),
                    share));
        }
        return this;
    }

    /** At most {@code share} of the absolute attribution mass lies inside {@code region} (e.g. the background). */
    public AttributionAssert hasMassInsideAtMost(Mask region, double share) {
        double mass = actual.massIn(region);
        if (!(mass <= share)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "%s puts %.3f of its attribution mass inside region '%s', but expected at most %.3f",
                    capitalised(),
                    mass,
                    region.name(),
                    share));
        }
        return this;
    }

    /**
     * Integrated gradients' completeness: {@code |Σ a − (F(x) − F(x'))| / |F(x) − F(x')|} below {@code relative}.
     * An attribution of a method without completeness fails.
     */
    public AttributionAssert hasCompletenessErrorBelow(double relative) {
        double error = actual.relativeCompletenessError();
        if (Double.isNaN(error)) {
            throw new AssertionError(capitalised() + " has no completeness to check: only integrated gradients"
                    + " attributes F(x) − F(x') to the input");
        }
        if (!(error < relative)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "%s misses completeness by %.3f%%: its attributions sum to %.6g, but F(x) − F(x') = %.6g − %.6g"
                            + " = %.6g; expected below %.3f%% (more steps make the Riemann sum closer)",
                    capitalised(),
                    100 * error,
                    actual.sum(),
                    actual.output(),
                    actual.baselineOutput(),
                    actual.output() - actual.baselineOutput(),
                    100 * relative));
        }
        return this;
    }

    /** Spearman's rank correlation with {@code expected} (a map of the same size) is at least {@code minimum}. */
    public AttributionAssert hasRankCorrelationAtLeast(Tensor expected, double minimum) {
        double rho = actual.rankCorrelation(expected);
        if (!(rho >= minimum)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "%s has a Spearman rank correlation of %.4f with the expected map, but expected at least %.4f",
                    capitalised(),
                    rho,
                    minimum));
        }
        return this;
    }

    /** "The attribution (integrated gradients of lenet5, log-probability of class 7)". */
    private String capitalised() {
        return "The attribution (" + actual.describe() + ")";
    }
}
