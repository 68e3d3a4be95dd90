package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Regression metrics on {@code actual} and {@code predicted} values, one each per sample: mean absolute error, root
 * mean squared error and the coefficient of determination R². Both arrays must be equally long, non-empty and
 * finite.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class RegressionMetrics {

    private RegressionMetrics() {}

    /** The mean absolute error {@code (1/n) Σ |actual − predicted|}; lower is better. */
    public static double mae(double[] actual, double[] predicted) {
        check("MAE", actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - predicted[i]);
        }
        return sum / actual.length;
    }

    /** The root mean squared error {@code √((1/n) Σ (actual − predicted)²)}; lower is better. */
    public static double rmse(double[] actual, double[] predicted) {
        check("RMSE", actual, predicted);
        return Math.sqrt(sumOfSquaredResiduals(actual, predicted) / actual.length);
    }

    /**
     * The coefficient of determination {@code R² = 1 − SS_res / SS_tot}, with {@code SS_res = Σ (actual −
     * predicted)²} and {@code SS_tot = Σ (actual − mean(actual))²}: 1 is perfect, 0 is no better than predicting
     * the mean, and it is negative when worse. A constant target has {@code SS_tot = 0}, for which R² is undefined:
     * an {@link IllegalArgumentException} says so.
     */
    public static double r2(double[] actual, double[] predicted) {
        check("R²", actual, predicted);
        boolean constant = true;
        double mean = 0;
        for (double a : actual) {
            constant &= a == actual[0];
            mean += a;
        }
        if (constant) {
            throw new IllegalArgumentException("R² is undefined for a constant target: every actual value is "
                    + actual[0] + " (SS_tot = 0); use MAE or RMSE");
        }
        mean /= actual.length;
        double total = 0;
        for (double a : actual) {
            total += (a - mean) * (a - mean);
        }
        return 1 - sumOfSquaredResiduals(actual, predicted) / total;
    }

    private static double sumOfSquaredResiduals(double[] actual, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double r = actual[i] - predicted[i];
            sum += r * r;
        }
        return sum;
    }

    private static void check(String metric, double[] actual, double[] predicted) {
        if (actual.length == 0) {
            throw new IllegalArgumentException(metric + ": no samples; give at least one");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(metric + ": actual has " + actual.length + " values, but predicted has "
                    + predicted.length + "; give one prediction per actual value");
        }
        finite(metric, "actual", actual);
        finite(metric, "predicted", predicted);
    }

    private static void finite(String metric, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        metric + ": " + what + " value " + i + " is " + values[i] + "; values must be finite");
            }
        }
    }
}
