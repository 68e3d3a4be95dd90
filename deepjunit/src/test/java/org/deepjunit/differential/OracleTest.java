package org.deepjunit.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OracleTest {

    private final TopOneOracle topOne = new TopOneOracle();

    @Test
    void toleranceIsAbsolutePlusRelativeToTheLargerMagnitude() {
        Tolerance t = new Tolerance(0.001, 0.01);
        assertThat(t.allows(1.0, 1.0105)).isTrue(); // 0.0105 <= 0.001 + 0.0101
        assertThat(t.allows(1.0, 1.013)).isFalse();
        assertThat(t.allows(0.0, 0.0009)).isTrue();
        assertThat(t.allows(0.0, 0.002)).isFalse();
        assertThat(t.allows(Double.NaN, 0)).isFalse();
        assertThat(Tolerance.DEFAULT).isEqualTo(new Tolerance(1e-6, 0.01));
        assertThatThrownBy(() -> new Tolerance(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relativeAllowanceScalesWithTheLargerMagnitudeNotTheSmaller() {
        // a = 1, b = 2, relative 0.6, absolute 0: |a - b| = 1.
        // Larger magnitude: bound = 0.6 * 2 = 1.2 >= 1 -> agree. Smaller magnitude would give
        // 0.6 * 1 = 0.6 < 1 -> disagree. Both argument orders and both signs.
        Tolerance t = new Tolerance(0, 0.6);
        assertThat(t.allows(1.0, 2.0)).isTrue();
        assertThat(t.allows(2.0, 1.0)).isTrue();
        assertThat(t.allows(-1.0, -2.0)).isTrue();
        assertThat(t.allows(-2.0, -1.0)).isTrue();
        assertThat(t.allowance(1.0, 2.0)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.allowance(2.0, 1.0)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        // Just beyond the larger-magnitude bound: a = 1, b = 2.6, |a - b| = 1.6 > 0.6 * 2.6 = 1.56.
        assertThat(t.allows(1.0, 2.6)).isFalse();
        assertThat(t.allows(2.6, 1.0)).isFalse();
        // Through the oracle as well: element 0 agrees only under the larger-magnitude rule.
        ToleranceOracle regression = new ToleranceOracle();
        assertThat(regression.compare(new double[] {1.0}, new double[] {2.0}, t).agrees())
                .isTrue();
        assertThat(regression.compare(new double[] {2.0}, new double[] {1.0}, t).agrees())
                .isTrue();
        // With absolute 0.05: bound = 0.05 + 0.6 * 2 = 1.25 (smaller magnitude: 0.65).
        assertThat(new Tolerance(0.05, 0.6).allowance(2.0, -1.0))
                .isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void topOneAgreesWithinTolerance() {
        Comparison c =
                topOne.compare(new double[] {0.1, 0.7, 0.2}, new double[] {0.1, 0.701, 0.199}, Tolerance.DEFAULT);
        assertThat(c.agrees()).isTrue();
        assertThat(c.maxDifference()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.maxDifferenceIndex()).isEqualTo(1);
    }

    @Test
    void differentTopOneDisagreesAndSaysSo() {
        Comparison c = topOne.compare(new double[] {0.1, 0.5, 0.4}, new double[] {0.1, 0.4, 0.5}, Tolerance.DEFAULT);
        assertThat(c.agrees()).isFalse();
        assertThat(c.reason()).startsWith("top-1 differs: 1 vs 2; output 1 differs by 0.1");
        assertThat(c.maxDifference()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sameTopOneBeyondToleranceDisagrees() {
        Comparison c = topOne.compare(new double[] {0.1, 0.6, 0.3}, new double[] {0.1, 0.7, 0.2}, Tolerance.DEFAULT);
        assertThat(c.agrees()).isFalse();
        assertThat(c.reason()).startsWith("output 2 differs by 0.1");
        assertThat(topOne.compare(new double[] {0.1, 0.6, 0.3}, new double[] {0.1, 0.7, 0.2}, new Tolerance(0.2, 0))
                        .agrees())
                .isTrue();
    }

    @Test
    void toleranceOracleHasNoClasses() {
        ToleranceOracle regression = new ToleranceOracle();
        assertThat(regression
                        .compare(new double[] {3.0}, new double[] {3.02}, Tolerance.DEFAULT)
                        .agrees())
                .isTrue();
        assertThat(regression
                        .compare(new double[] {3.0}, new double[] {3.1}, Tolerance.DEFAULT)
                        .agrees())
                .isFalse();
        assertThat(regression.label(new double[] {3.0})).isEqualTo(-1);
    }
}
