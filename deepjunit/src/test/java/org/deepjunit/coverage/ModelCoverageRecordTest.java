package org.deepjunit.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.NeuronValues.LayerValues;
import org.deepjunit.model.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recorder's vectorisable loops against a plain reference written out here: per neuron the largest
 * {@code (raw - min) / range}, the largest and smallest raw value, and the top-k neurons of each input (ties to the
 * lower index), on random ReLU-like values with ties and on inputs whose layer output is constant.
 */
class ModelCoverageRecordTest {

    /** 1,301 neurons span three of the top-k search's blocks, with ties between blocks. */
    @ParameterizedTest
    @CsvSource({"true, 301", "false, 301", "true, 1301", "false, 1301"})
    void equalsThePlainReference(boolean floats, int neurons) {
        Random rnd = new Random(5);
        int batch = 37;
        int topK = 3;
        double[] means = new double[batch * neurons];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        for (int s = 0; s < batch; s++) {
            boolean constant = s % 9 == 4;
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int j = 0; j < neurons; j++) {
                double v = constant ? 0.25 : Math.max(0, Math.round(rnd.nextGaussian() * 8) / 8.0); // ties
                means[s * neurons + j] = floats ? (float) v : v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mins[s] = lo - (constant ? 0 : 0.125); // a layer's extremes span more than its channel means
            maxs[s] = hi;
        }
        float[] asFloats = new float[means.length];
        for (int i = 0; i < means.length; i++) {
            asFloats[i] = (float) means[i];
        }
        LayerValues lv = floats
                ? LayerValues.ofFloats("l", batch, neurons, asFloats, mins, maxs)
                : new LayerValues("l", batch, neurons, means, mins, maxs);
        RecordingSpec spec = new RecordingSpec(10, topK, List.of(), List.of(), null, 0);
        ModelCoverage coverage =
                new ModelCoverage("m", "fp", spec, null, List.of(new Layer("l", LayerKind.DENSE, Shape.of(neurons))));
        coverage.record(new NeuronValues(null, Map.of("l", lv)));

        LayerCoverage lc = coverage.layers().get("l");
        boolean[] top = new boolean[neurons];
        for (int j = 0; j < neurons; j++) {
            double maxScaled = -Double.MAX_VALUE;
            double maxRaw = -Double.MAX_VALUE;
            double minRaw = Double.MAX_VALUE;
            for (int s = 0; s < batch; s++) {
                double raw = means[s * neurons + j];
                double range = maxs[s] - mins[s];
                maxScaled = Math.max(maxScaled, range > 0 ? (raw - mins[s]) / range : 0);
                maxRaw = Math.max(maxRaw, raw);
                minRaw = Math.min(minRaw, raw);
            }
            assertThat(lc.maxScaled(j)).as("max scaled of %d", j).isEqualTo(maxScaled);
            assertThat(lc.maxRaw(j)).as("max raw of %d", j).isEqualTo(maxRaw);
            assertThat(lc.minRaw(j)).as("min raw of %d", j).isEqualTo(minRaw);
        }
        for (int s = 0; s < batch; s++) {
            for (int pick = 0; pick < topK; pick++) {
                int best = -1;
                for (int j = 0; j < neurons; j++) {
                    if (!chosen(s, j) && (best < 0 || means[s * neurons + j] > means[s * neurons + best])) {
                        best = j;
                    }
                }
                mark(s, best);
                top[best] = true;
            }
        }
        long expected = 0;
        for (boolean b : top) {
            expected += b ? 1 : 0;
        }
        assertThat(coverage.count(Criterion.TKNC, 0, true)).containsExactly(expected, neurons);
        assertThat(coverage.samples()).isEqualTo(batch);
    }

    /** The recorder reuses a thread's delta: cleared, it must record exactly what a new one records. */
    @org.junit.jupiter.api.Test
    void aClearedCoverageRecordsWhatANewOneRecords() {
        int neurons = 700;
        RecordingSpec spec = new RecordingSpec(10, 2, List.of(), List.of(), null, 0);
        List<Layer> layers = List.of(new Layer("l", LayerKind.DENSE, Shape.of(neurons)));
        ModelCoverage reused = new ModelCoverage("m", "fp", spec, null, layers);
        reused.request(0.25, true);
        reused.addFiles(List.of(new org.deepjunit.model.ModelFiles.Entry("a.h5", "00")));
        reused.record(randomValues(1, neurons));
        reused.clear();
        reused.record(randomValues(2, neurons));
        ModelCoverage fresh = new ModelCoverage("m", "fp", spec, null, layers);
        fresh.record(randomValues(2, neurons));

        CoverageData a = new CoverageData();
        a.add(reused);
        CoverageData b = new CoverageData();
        b.add(fresh);
        assertThat(a.toJson()).isEqualTo(b.toJson());
        assertThat(reused.patternCount()).isEqualTo(fresh.patternCount()).isPositive();
        assertThat(reused.requested()).isEmpty();
    }

    private static NeuronValues randomValues(long seed, int neurons) {
        Random rnd = new Random(seed);
        int batch = 5;
        double[] means = new double[batch * neurons];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < neurons; j++) {
                means[s * neurons + j] = Math.max(0, rnd.nextGaussian());
            }
            maxs[s] = 4;
        }
        return new NeuronValues(null, Map.of("l", new LayerValues("l", batch, neurons, means, mins, maxs)));
    }

    @org.junit.jupiter.api.Test
    void theTopKSearchSkipsBlocksWithoutChangingItsAnswer() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(3000);
            int top = 1 + rnd.nextInt(4);
            double[] row = new double[n];
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextInt(4) == 0
                        ? 0
                        : Math.round(rnd.nextGaussian() * 4) / 4.0; // ties within and across blocks
            }
            int[] best = new int[top];
            double[] bestValue = new double[top];
            int filled = ModelCoverage.topK(row, top, best, bestValue);

            // the largest value not chosen yet, the lowest index on ties, top times
            boolean[] taken = new boolean[n];
            int[] expected = new int[Math.min(top, n)];
            for (int pick = 0; pick < expected.length; pick++) {
                int b = -1;
                for (int j = 0; j < n; j++) {
                    if (!taken[j] && (b < 0 || row[j] > row[b])) {
                        b = j;
                    }
                }
                taken[b] = true;
                expected[pick] = b;
            }
            assertThat(java.util.Arrays.copyOf(best, filled))
                    .as("trial %d", trial)
                    .containsExactly(expected);
        }
    }

    /**
     * KMNC sections, and each neuron's first input under NC (t = 0.25 scaled) and beyond each corner, against plain
     * loops over the inputs in order, over two batches, so that the second one's ordinals start at 37; a neuron of
     * equal bounds has one section.
     */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void sectionsAndFirstInputsEqualThePlainReference(boolean floats) {
        Random rnd = new Random(11);
        int neurons = 700;
        int batch = 37;
        int k = 4;
        double[][] bounds = new double[2][neurons];
        for (int j = 0; j < neurons; j++) {
            bounds[0][j] = rnd.nextDouble() * 0.5;
            bounds[1][j] = j % 50 == 7 ? bounds[0][j] : bounds[0][j] + rnd.nextDouble() * 1.5;
        }
        Profile profile = new Profile("fp", "data", 100, Map.of("l", bounds));
        RecordingSpec spec = new RecordingSpec(k, 2, List.of(), List.of(), null, 0);
        ModelCoverage coverage = new ModelCoverage(
                "m", "fp", spec, profile, List.of(new Layer("l", LayerKind.DENSE, Shape.of(neurons))));
        coverage.request(0.25, true);
        double[][] batches = {sparseValues(rnd, batch, neurons), sparseValues(rnd, batch, neurons)};
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        java.util.Arrays.fill(maxs, 2);
        for (double[] values : batches) {
            float[] asFloats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats ? (float) values[i] : values[i];
                asFloats[i] = (float) values[i];
            }
            LayerValues lv = floats
                    ? LayerValues.ofFloats("l", batch, neurons, asFloats, mins, maxs)
                    : new LayerValues("l", batch, neurons, values, mins, maxs);
            coverage.record(new NeuronValues(null, Map.of("l", lv)));
        }

        LayerCoverage lc = coverage.layers().get("l");
        for (int j = 0; j < neurons; j++) {
            double lo = bounds[0][j];
            double hi = bounds[1][j];
            double slack = 1e-5 * Math.max(Math.max(Math.abs(lo), Math.abs(hi)), hi - lo);
            long firstNc = Growth.NEVER;
            long firstUpper = Growth.NEVER;
            long firstLower = Growth.NEVER;
            boolean[] hit = new boolean[k];
            for (int ordinal = 0; ordinal < 2 * batch; ordinal++) {
                double raw = batches[ordinal / batch][(ordinal % batch) * neurons + j];
                if (firstNc == Growth.NEVER && raw / 2 > 0.25) {
                    firstNc = ordinal;
                }
                if (firstUpper == Growth.NEVER && raw > hi + slack) {
                    firstUpper = ordinal;
                }
                if (firstLower == Growth.NEVER && raw < lo - slack) {
                    firstLower = ordinal;
                }
                if (raw >= lo - slack && raw <= hi + slack) {
                    hit[hi > lo ? (int) Math.max(0, Math.min(k - 1, Math.floor((raw - lo) / (hi - lo) * k))) : 0] =
                            true;
                }
            }
            assertThat(lc.firstCovered(j)).as("first NC input of %d", j).isEqualTo(firstNc);
            assertThat(lc.firstAboveCorner(j)).as("first upper input of %d", j).isEqualTo(firstUpper);
            assertThat(lc.firstBelowCorner(j)).as("first lower input of %d", j).isEqualTo(firstLower);
            for (int section = 0; section < k; section++) {
                assertThat(lc.sectionHit(j, section))
                        .as("section %d of %d", section, j)
                        .isEqualTo(hit[section]);
            }
        }
    }

    /** Mostly zeros, so that many neurons are first covered late or never; values in [0, 2]. */
    private static double[] sparseValues(Random rnd, int batch, int neurons) {
        double[] values = new double[batch * neurons];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextInt(12) == 0 ? rnd.nextDouble() * 2 : 0;
        }
        return values;
    }

    private final java.util.Set<Long> picked = new java.util.HashSet<>();

    private boolean chosen(int sample, int neuron) {
        return picked.contains(((long) sample << 32) | neuron);
    }

    private void mark(int sample, int neuron) {
        picked.add(((long) sample << 32) | neuron);
    }
}
