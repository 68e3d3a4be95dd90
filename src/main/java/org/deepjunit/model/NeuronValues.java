package org.deepjunit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepjunit.Tensor;

/**
 * What coverage needs from one forward pass: per layer and input, each neuron's raw value (a
 * channel's spatial mean) and the input's minimum and maximum over the whole layer output, from
 * which DeepXplore's scaled value follows. Only {@code batch × neurons} numbers per layer, so
 * adapters can compute them inside the framework instead of copying every activation out.
 */
public final class NeuronValues {

    /**
     * One layer's values for a batch, row-major {@code [batch, neurons]}.
     *
     * @param means raw neuron values: the mean over every axis but batch and the last
     * @param mins  per input, the smallest element of the whole layer output
     * @param maxs  per input, the largest element of the whole layer output
     */
    public record LayerValues(String layer, int batch, int neurons, double[] means, double[] mins, double[] maxs) {

        public LayerValues {
            if (means.length != batch * neurons || mins.length != batch || maxs.length != batch) {
                throw new IllegalArgumentException("Layer " + layer + ": " + means.length + " means, " + mins.length
                        + " mins and " + maxs.length + " maxs do not fit a batch of " + batch + " x " + neurons);
            }
        }

        /** The neuron's raw value for one input. */
        public double raw(int sample, int neuron) {
            return means[sample * neurons + neuron];
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
