package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The default oracle for classifiers: the model under test agrees with the reference when both
 * pick the same top-1 class and every output is within the {@link Tolerance}.
 */
@API(status = STABLE, since = "0.1")
public class TopOneOracle implements OutputOracle {

    @Override
    public Comparison compare(double[] modelUnderTest, double[] reference, Tolerance tolerance) {
        int a = argMax(modelUnderTest);
        int b = argMax(reference);
        Comparison within = withinTolerance(modelUnderTest, reference, tolerance);
        if (a != b) {
            String reason = "top-1 differs: " + a + " vs " + b + (within.agrees() ? "" : "; " + within.reason());
            return new Comparison(false, reason, within.maxDifference(), within.maxDifferenceIndex());
        }
        return within;
    }

    /** Index of the largest element; the first one on ties; -1 for an empty array. */
    public static int argMax(double[] values) {
        int best = values.length == 0 ? -1 : 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Element-wise tolerance check; the reason names the worst element relative to its allowance. */
    public static Comparison withinTolerance(double[] a, double[] b, Tolerance tolerance) {
        if (a.length != b.length) {
            return new Comparison(false, "output sizes differ: " + a.length + " vs " + b.length, Double.NaN, -1);
        }
        double maxDiff = 0;
        int maxIndex = a.length == 0 ? -1 : 0;
        int worst = -1;
        double worstRatio = 1;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (!(diff <= maxDiff)) {
                maxDiff = diff;
                maxIndex = i;
            }
            if (!tolerance.allows(a[i], b[i])) {
                double ratio = diff / tolerance.allowance(a[i], b[i]);
                if (worst < 0 || !(ratio <= worstRatio)) {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (worst < 0) {
            return new Comparison(true, "", maxDiff, maxIndex);
        }
        String reason = String.format(
                Locale.ROOT,
                "output %d differs by %.6g (%.6g vs %.6g), more than %s allows (%.3g)",
                worst,
                Math.abs(a[worst] - b[worst]),
                a[worst],
                b[worst],
                tolerance,
                tolerance.allowance(a[worst], b[worst]));
        return new Comparison(false, reason, maxDiff, maxIndex);
    }
}
