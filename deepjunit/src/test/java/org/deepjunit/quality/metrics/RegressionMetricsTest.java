package org.deepjunit.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** MAE, RMSE and R² on scikit-learn's documentation example, worked by hand. */
class RegressionMetricsTest {

    private static final double[] ACTUAL = {3, -0.5, 2, 7};
    private static final double[] PREDICTED = {2.5, 0.0, 2, 8};

    @Test
    void scikitLearnsExampleByHand() {
        // residuals 0.5, −0.5, 0, −1: MAE = 2 / 4 = 0.5; MSE = (0.25 + 0.25 + 0 + 1) / 4 = 0.375
        assertThat(RegressionMetrics.mae(ACTUAL, PREDICTED)).isEqualTo(0.5);
        assertThat(RegressionMetrics.rmse(ACTUAL, PREDICTED)).isCloseTo(Math.sqrt(0.375), within(1e-15));
        // mean 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875; R² = 1 − 1.5 / 29.1875 = 0.948608...
        assertThat(RegressionMetrics.r2(ACTUAL, PREDICTED)).isCloseTo(1 - 1.5 / 29.1875, within(1e-15));
        assertThat(RegressionMetrics.r2(ACTUAL, PREDICTED)).isCloseTo(0.9486081370449679, within(1e-15));
        // predicting the mean gives 0, a perfect fit 1, worse than the mean below 0
        assertThat(RegressionMetrics.r2(ACTUAL, new double[] {2.875, 2.875, 2.875, 2.875}))
                .isZero();
        assertThat(RegressionMetrics.r2(ACTUAL, ACTUAL)).isEqualTo(1.0);
        assertThat(RegressionMetrics.r2(ACTUAL, new double[] {7, 2, -0.5, 3})).isNegative();
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> RegressionMetrics.r2(new double[] {3, 3, 3}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("R² is undefined for a constant target: every actual value is 3.0 (SS_tot = 0); use MAE"
                        + " or RMSE");
        assertThatThrownBy(() -> RegressionMetrics.mae(new double[] {1, 2}, new double[] {1}))
                .hasMessage("MAE: actual has 2 values, but predicted has 1; give one prediction per actual value");
        assertThatThrownBy(() -> RegressionMetrics.rmse(new double[] {1, 2}, new double[] {1, Double.NaN}))
                .hasMessage("RMSE: predicted value 1 is NaN; values must be finite");
        assertThatThrownBy(() -> RegressionMetrics.rmse(new double[0], new double[0]))
                .hasMessage("RMSE: no samples; give at least one");
    }
}
