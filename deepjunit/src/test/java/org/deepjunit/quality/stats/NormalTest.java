package org.deepjunit.quality.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The normal quantiles against their published values (e.g. R's qnorm), and the tail on both sides of 3. */
class NormalTest {

    @Test
    void quantilesMatchPublishedValues() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-13));
        assertThat(Normal.quantile(0.95)).isCloseTo(1.6448536269514722, within(1e-13));
        assertThat(Normal.quantile(0.995)).isCloseTo(2.5758293035489004, within(1e-13));
        assertThat(Normal.quantile(0.999)).isCloseTo(3.090232306167813, within(1e-12));
        assertThat(Normal.quantile(0.5)).isZero();
        assertThat(Normal.quantile(0.025)).isCloseTo(-1.959963984540054, within(1e-13));
    }

    @Test
    void theTailIsContinuousWhereTheSeriesHandsOverToTheContinuedFraction() {
        // Q(3) = 1.3498980316301e-3 and Q(3.5) = 2.3262907903552e-4 (R: pnorm(3, lower.tail = FALSE))
        assertThat(Normal.upperTail(3)).isCloseTo(1.3498980316300946e-3, within(1e-15));
        assertThat(Normal.upperTail(Math.nextDown(3.0))).isCloseTo(1.3498980316300946e-3, within(1e-15));
        assertThat(Normal.upperTail(3.5)).isCloseTo(2.326290790355250e-4, within(1e-17));
        assertThat(Normal.upperTail(0)).isEqualTo(0.5);
        assertThat(Normal.upperTail(-1) + Normal.upperTail(1)).isCloseTo(1, within(1e-16));
    }
}
