package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What coverage needs from one forward pass: per layer and input, each neuron's raw value (a
 * channel's spatial mean) and the input's minimum and maximum over the whole layer output, from
 * which DeepXplore's scaled value follows. Only {@code batch × neurons} numbers per layer, so
 * adapters can compute them inside the framework instead of copying every activation out.
 */
@API(status = STABLE, since = "0.1")
public final class NeuronValues {

    /**
     * One layer's values for a batch, row-major {@code [batch, neurons]}: per input, each neuron's raw value (the
     * mean over every axis but batch and the last) and the input's smallest and largest element of the whole layer
     * output. Float32 models may keep the raw values as the floats the framework computed ({@link #floatMeans()}),
     * which the coverage recorder reads without widening every value.
     */
    public static final class LayerValues {

        private final String layer;
        private final int batch;
        private final int neurons;
        private final float[] floats;
        private final double[] mins;
        private final double[] maxs;
        private double[] doubles;

        /**
         * @param means raw neuron values: the mean over every axis but batch and the last
         * @param mins  per input, the smallest element of the whole layer output
         * @param maxs  per input, the largest element of the whole layer output
         */
        public LayerValues(String layer, int batch, int neurons, double[] means, double[] mins, double[] maxs) {
            this(layer, batch, neurons, null, means, mins, maxs);
        }

        private LayerValues(
                String layer, int batch, int neurons, float[] floats, double[] doubles, double[] mins, double[] maxs) {
            int length = floats != null ? floats.length : doubles.length;
            if (length != batch * neurons || mins.length != batch || maxs.length != batch) {
                throw new IllegalArgumentException("Layer " + layer + ": " + length + " means, " + mins.length
                        + " mins and " + maxs.length + " maxs do not fit a batch of " + batch + " x " + neurons);
            }
            this.layer = layer;
            this.batch = batch;
            this.neurons = neurons;
            this.floats = floats;
            this.doubles = doubles;
            this.mins = mins;
            this.maxs = maxs;
        }

        /** Values kept as the float32 numbers a framework computed; the arrays are taken, not copied. */
        public static LayerValues ofFloats(
                String layer, int batch, int neurons, float[] means, double[] mins, double[] maxs) {
            return new LayerValues(layer, batch, neurons, means, null, mins, maxs);
        }

        public String layer() {
            return layer;
        }

        public int batch() {
            return batch;
        }

        public int neurons() {
            return neurons;
        }

        /** The raw values, row-major {@code [batch, neurons]} (widened once from float32 when kept as floats). */
        public synchronized double[] means() {
            if (doubles == null) {
                doubles = new double[floats.length];
                for (int i = 0; i < floats.length; i++) {
                    doubles[i] = floats[i];
                }
            }
            return doubles;
        }

        /** The raw values as float32, or null when they are kept in double precision. */
        public float[] floatMeans() {
            return floats;
        }

        /** Per input, the smallest element of the whole layer output. */
        public double[] mins() {
            return mins;
        }

        /** Per input, the largest element of the whole layer output. */
        public double[] maxs() {
            return maxs;
        }

        /** The neuron's raw value for one input. */
        public double raw(int sample, int neuron) {
            int i = sample * neurons + neuron;
            return floats != null ? floats[i] : doubles[i];
        }

        /**
         * DeepXplore's value: the layer output of this input min–max scaled to [0, 1], then the
         * neuron's mean. 0 when the whole layer output is constant (DeepXplore's code divides by
         * zero there, which never counts as covered either).
         */
        public double scaled(int sample, int neuron) {
            double range = maxs[sample] - mins[sample];
            return range > 0 ? (raw(sample, neuron) - mins[sample]) / range : 0;
        }
    }

    private final Tensor output;
    private final Map<String, LayerValues> layers;

    public NeuronValues(Tensor output, Map<String, LayerValues> layers) {
        this.output = output;
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** Computes the values from full layer outputs: the reference that adapters' own computations must match. */
    public static NeuronValues of(Activations activations) {
        Map<String, LayerValues> result = new LinkedHashMap<>();
        activations.asMap().forEach((name, tensor) -> result.put(name, layerValues(name, tensor)));
        return new NeuronValues(activations.output(), result);
    }

    static LayerValues layerValues(String name, Tensor t) {
        int batch = t.batchSize();
        int perSample = t.size() / batch;
        int neurons = t.shape().rank() > 1 ? t.shape().last() : 1;
        int positions = perSample / neurons;
        double[] means = new double[batch * neurons];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        for (int s = 0; s < batch; s++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int base = s * perSample;
            for (int p = 0; p < positions; p++) {
                for (int j = 0; j < neurons; j++) {
                    double v = t.getDouble(base + p * neurons + j);
                    means[s * neurons + j] += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            for (int j = 0; j < neurons; j++) {
                means[s * neurons + j] /= positions;
            }
            mins[s] = min;
            maxs[s] = max;
        }
        return new LayerValues(name, batch, neurons, means, mins, maxs);
    }

    /** The model's output for the batch. */
    public Tensor output() {
        return output;
    }

    /** The values of one layer; throws {@link UnknownLayerException} if it was not computed. */
    public LayerValues layer(String name) {
        LayerValues v = layers.get(name);
        if (v == null) {
            throw new UnknownLayerException(name, layers.keySet());
        }
        return v;
    }

    /** Every computed layer, in model order. */
    public Map<String, LayerValues> layers() {
        return layers;
    }
}
