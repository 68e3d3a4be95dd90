package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.deepjunit.model.NeuronValues;

/**
 * DeepGauge's profile of a model: per counted neuron, the smallest and largest raw value (channel mean) it took
 * over the training data.
 *
 * @param fingerprint the model's {@link org.deepjunit.model.Model#fingerprint() fingerprint}
 * @param dataHash    SHA-256 of the profile data and its scale
 * @param samples     how many training inputs were seen
 * @param bounds      per layer name: {@code [0]} lows, {@code [1]} highs, one per neuron
 */
@API(status = INTERNAL, since = "0.1")
public record Profile(String fingerprint, String dataHash, long samples, Map<String, double[][]> bounds) {

    public Profile {
        bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
    }

    public double[] low(String layer) {
        return bounds.get(layer)[0];
    }

    public double[] high(String layer) {
        return bounds.get(layer)[1];
    }

    /**
     * How far a value may lie outside [low, high] and still count as inside: {@value #BOUND_SLACK}
     * of the bounds' magnitude. Frameworks round float32 sums differently for different batch sizes
     * (DL4J's dense layers by up to 7.6e-6 on LeNet-5's logits), so without it a training input can
     * fall a few ulps outside the bound computed from itself and count as a corner case.
     */
    static double slack(double low, double high) {
        return BOUND_SLACK * Math.max(Math.max(Math.abs(low), Math.abs(high)), high - low);
    }

    /** Relative tolerance of {@link #slack}. */
    static final double BOUND_SLACK = 1e-5;

    /** Accumulates a profile batch by batch. */
    static final class Builder {
        private final Map<String, double[][]> bounds = new LinkedHashMap<>();
        private long samples;

        void add(NeuronValues values, Iterable<String> layers) {
            int batch = -1;
            for (String name : layers) {
                NeuronValues.LayerValues lv = values.layer(name);
                double[][] b = bounds.computeIfAbsent(name, n -> {
                    double[][] fresh = new double[2][lv.neurons()];
                    java.util.Arrays.fill(fresh[0], Double.MAX_VALUE);
                    java.util.Arrays.fill(fresh[1], -Double.MAX_VALUE);
                    return fresh;
                });
                for (int s = 0; s < lv.batch(); s++) {
                    for (int j = 0; j < lv.neurons(); j++) {
                        double v = lv.raw(s, j);
                        if (v < b[0][j]) {
                            b[0][j] = v;
                        }
                        if (v > b[1][j]) {
                            b[1][j] = v;
                        }
                    }
                }
                batch = lv.batch();
            }
            samples += Math.max(batch, 0);
        }

        Profile build(String fingerprint, String dataHash) {
            return new Profile(fingerprint, dataHash, samples, bounds);
        }
    }
}
