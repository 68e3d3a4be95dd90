package org.deepjunit.fairness;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.deepjunit.quality.stats.PairedBootstrap;

/**
 * The stratified bootstrap of figures of the groups' confusion counts: every stratum, the samples of one group and
 * one true class, is resampled with replacement to its own size, which is drawing its row of counts anew from the
 * multinomial of its observed shares. Group sizes and each group's positives and negatives stay fixed, so a rate
 * never loses its denominator; the predictions vary. The interval is the percentile interval
 * ({@link PairedBootstrap#quantile}). Draws come from one {@link SplittableRandom} seeded with the seed, so a seed
 * gives the same intervals on every run and machine; it works from counts alone, so merged shards bootstrap as one.
 */
final class GroupBootstrap {

    private GroupBootstrap() {}

    /** For each statistic, {@code {lower, upper}} of its {@code confidence} interval over {@code resamples}. */
    static double[][] intervals(
            long[][][] tables,
            List<ToDoubleFunction<long[][][]>> statistics,
            long seed,
            int resamples,
            double confidence) {
        double[][] values = new double[statistics.size()][resamples];
        if (!statistics.isEmpty()) {
            SplittableRandom random = new SplittableRandom(seed);
            long[][][] drawn = new long[tables.length][][];
            for (int g = 0; g < tables.length; g++) {
                drawn[g] = new long[tables[g].length][tables[g].length];
            }
            for (int r = 0; r < resamples; r++) {
                for (int g = 0; g < tables.length; g++) {
                    for (int t = 0; t < tables[g].length; t++) {
                        redraw(tables[g][t], drawn[g][t], random);
                    }
                }
                for (int s = 0; s < statistics.size(); s++) {
                    values[s][r] = statistics.get(s).applyAsDouble(drawn);
                }
            }
        }
        double alpha = 1 - confidence;
        double[][] intervals = new double[statistics.size()][];
        for (int s = 0; s < statistics.size(); s++) {
            Arrays.sort(values[s]);
            intervals[s] = new double[] {
                PairedBootstrap.quantile(values[s], alpha / 2), PairedBootstrap.quantile(values[s], 1 - alpha / 2)
            };
        }
        return intervals;
    }

    /** Draws {@code sum(row)} samples from the categories of {@code row}, in proportion to its counts, into {@code into}. */
    private static void redraw(long[] row, long[] into, SplittableRandom random) {
        Arrays.fill(into, 0);
        long n = 0;
        int nonZero = 0;
        for (int j = 0; j < row.length; j++) {
            n += row[j];
            nonZero += row[j] > 0 ? 1 : 0;
        }
        if (nonZero <= 1) {
            System.arraycopy(row, 0, into, 0, row.length); // one category: every draw lands there
            return;
        }
        for (long i = 0; i < n; i++) {
            long u = random.nextLong(n);
            int j = 0;
            while (u >= row[j]) {
                u -= row[j];
                j++;
            }
            into[j]++;
        }
    }
}
