package org.deepjunit.quality.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.quality.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** McNemar's exact test on a published example, against exact big-number sums, and against chi-square for large b + c. */
class McNemarTest {

    /** {@code 2 · Σ_{j ≤ min(b, c)} C(b + c, j) / 2^(b + c)}, capped at 1, in exact arithmetic. */
    private static double exactByBigIntegers(int b, int c) {
        int n = b + c;
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE; // C(n, 0)
        for (int j = 0; j <= Math.min(b, c); j++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(n - j)).divide(BigInteger.valueOf(j + 1));
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1))
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL128);
        return Math.min(1, p.doubleValue());
    }

    @Test
    void bentursAirwayExampleAsWorkedByFagerlandLydersenAndLaake() {
        // Fagerland, Lydersen, Laake, "The McNemar test for binary matched-pairs data: mid-p and asymptotic are better
        // than exact conditional", BMC Med Res Methodol 13:91 (2013), Table 1 (Bentur et al.): 21 children,
        // discordant pairs 1 and 7; the exact conditional p-value reported is 0.070.
        // By hand: 2 · (C(8,0) + C(8,1)) / 2^8 = 2 · 9 / 256 = 0.0703125.
        boolean[] baseline = new boolean[21];
        boolean[] candidate = new boolean[21];
        baseline[0] = true; // b: baseline right, candidate wrong
        for (int i = 1; i <= 7; i++) {
            candidate[i] = true; // c: baseline wrong, candidate right
        }
        baseline[8] = candidate[8] = true; // concordant: 1 both right, 12 both wrong
        McNemarResult r = McNemar.test(baseline, candidate);
        assertThat(r.b()).isEqualTo(1);
        assertThat(r.c()).isEqualTo(7);
        assertThat(r.n()).isEqualTo(21);
        assertThat(r.pValue()).isCloseTo(18 / 256.0, within(1e-15)).isCloseTo(0.070, within(5e-4));
        assertThat(r.pValue()).isCloseTo(exactByBigIntegers(1, 7), within(1e-15));
        assertThat(r.difference()).isEqualTo(6 / 21.0);
        // Agresti–Min: (7 − 1)/23 ± 1.959964 · √(1 + 7 + 1 − 6²/23) / 23
        double sd = Math.sqrt(9 - 36 / 23.0) / 23;
        assertThat(r.lower()).isCloseTo(6 / 23.0 - 1.959963984540054 * sd, within(1e-12));
        assertThat(r.upper()).isCloseTo(6 / 23.0 + 1.959963984540054 * sd, within(1e-12));
        assertThat(r.lower()).isCloseTo(0.02851, within(1e-5)); // 0.26087 − 1.95996 · 0.11855
        assertThat(r.confidence()).isEqualTo(0.95);
        // the test is symmetric in b and c
        assertThat(McNemar.exactPValue(7, 1)).isEqualTo(r.pValue());
    }

    @ParameterizedTest
    @CsvSource({"0,5", "3,17", "30,70", "200,260", "1000,1100", "2500,2400", "4,4", "0,0", "0,1"})
    void agreesWithTheExactSumInBigIntegers(int b, int c) {
        assertThat(McNemar.exactPValue(b, c))
                .isCloseTo(exactByBigIntegers(b, c), within(1e-12 * exactByBigIntegers(b, c) + 1e-300));
    }

    @ParameterizedTest
    @CsvSource({"499000,501000,0.01", "49000,51000,0.05", "4800,5200,0.05"})
    void largeCountsAgreeWithChiSquareWithContinuityCorrection(long b, long c, double relativeTolerance) {
        // χ² = (|b − c| − 1)² / (b + c) with 1 degree of freedom: p = P(|Z| > √χ²) = 2 · Q(√χ²)
        double z = (Math.abs(b - c) - 1) / Math.sqrt(b + c);
        double chiSquare = 2 * tailBySimpson(z);
        double exact = McNemar.exactPValue(b, c);
        assertThat(exact).isCloseTo(chiSquare, within(relativeTolerance * chiSquare));
    }

    /** {@code Q(z) = ∫_z^{z+20} φ}, by Simpson's rule: independent of {@link Normal}. */
    private static double tailBySimpson(double z) {
        int steps = 200_000;
        double h = 20.0 / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double x = z + i * h;
            double f = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return sum * h / 3;
    }

    @Test
    void noDiscordantSamplesIsPOneWithAnIntervalAroundZero() {
        McNemarResult r = McNemar.fromCounts(0, 0, 100, 0.95);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.difference()).isZero();
        // √(1 − 0) / 102 · 1.96 = 0.0192
        assertThat(r.lower()).isCloseTo(-1.959963984540054 / 102, within(1e-12));
        assertThat(r.upper()).isCloseTo(1.959963984540054 / 102, within(1e-12));
        // the interval stays in [−1, 1]
        McNemarResult all = McNemar.fromCounts(0, 10, 10, 0.99);
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.difference()).isEqualTo(1.0);
        // an extreme count underflows to 0 without NaN
        assertThat(McNemar.exactPValue(0, 2_000_000)).isZero();
        assertThat(McNemar.exactPValue(10, 1_000_000)).isZero();
    }

    @Test
    void comparesTheCorrectnessOfAnAccuracyLikeMetric() {
        int[] labels = {0, 1, 1, 0};
        Predictions baseline = new Predictions(labels, new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.7, 0.3}});
        Predictions candidate =
                new Predictions(labels, new double[][] {{0.4, 0.6}, {0.2, 0.8}, {0.3, 0.7}, {0.3, 0.7}});
        // baseline right on 0, 1, 3; candidate right on 1, 2: b = 2 (samples 0, 3), c = 1 (sample 2)
        McNemarResult r = McNemar.compare(Metrics.ACCURACY, baseline, candidate);
        assertThat(r.b()).isEqualTo(2);
        assertThat(r.c()).isEqualTo(1);
        assertThat(r.difference()).isEqualTo(-0.25);
        assertThatThrownBy(() -> McNemar.compare(Metrics.MACRO_F1, baseline, candidate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("McNemar: macro F1 is not a mean of per-sample correctness; compare it with"
                        + " PairedBootstrap, or use Metrics.ACCURACY or Metrics.topK(k)");
        Predictions other = new Predictions(new int[] {0, 1, 0, 0}, candidate.scores());
        assertThatThrownBy(() -> McNemar.compare(Metrics.ACCURACY, baseline, other))
                .hasMessage("McNemar: the labels differ at sample 2 (baseline 1, candidate 0); compare both on the"
                        + " same samples in the same order");
        assertThatThrownBy(() -> McNemar.test(new boolean[3], new boolean[2]))
                .hasMessage("McNemar: the baseline has 3 samples, but the candidate 2; compare both on the same"
                        + " samples");
        assertThatThrownBy(() -> McNemar.fromCounts(1, 1, 10, 1.0))
                .hasMessage("McNemar: the confidence level must be between 0 and 1 (e.g. 0.95), was 1.0");
    }
}
