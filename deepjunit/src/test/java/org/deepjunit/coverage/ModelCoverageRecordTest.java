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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recorder's vectorisable loops against a plain reference written out here: per neuron the largest
 * {@code (raw - min) / range}, the largest and smallest raw value, and the top-k neurons of each input (ties to the
 * lower index), on random ReLU-like values with ties and on inputs whose layer output is constant.
 */
class ModelCoverageRecordTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void equalsThePlainReference(boolean floats) {
        Random rnd = new Random(5);
        int batch = 37;
        int neurons = 301;
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

    private final java.util.Set<Long> picked = new java.util.HashSet<>();

    private boolean chosen(int sample, int neuron) {
        return picked.contains(((long) sample << 32) | neuron);
    }

    private void mark(int sample, int neuron) {
        picked.add(((long) sample << 32) | neuron);
    }
}
