package org.deepjunit.model.dl4j;

import org.deepjunit.model.Activations;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's neuron values from its DL4J activation array: per sample each neuron's mean over its positions, and the
 * minimum and maximum of all values.
 */
final class NeuronValueOps {

    /**
     * Up to this many values a layer is reduced in one Java pass, beyond it with ND4J's reductions unless it is dense.
     * Measured per layer (two cores, median of 300): [64, 120] 116 µs with ND4J, 31 µs in Java; [64, 14, 14, 16]
     * 436 µs and 537 µs; a dense [64, 50000] 9.9-10.0 ms and 4.3-4.6 ms.
     */
    static final long JAVA_PASS_VALUES = 1L << 15;

    private NeuronValueOps() {}

    /** A layer's values from its array in {@code layout}, or from the input itself when {@code a} is null. */
    static NeuronValues.LayerValues layerValues(Model model, String layer, Tensor input, INDArray a, Layout layout) {
        return a == null
                ? NeuronValues.of(new Activations(java.util.Map.of(layer, input), input))
                        .layer(layer)
                : layerValues(model, layer, a, layout.neuronAxis(a.rank()));
    }

    static NeuronValues.LayerValues layerValues(Model model, String layer, INDArray a, int neuronAxis) {
        Reduced r = a.length() <= JAVA_PASS_VALUES || positions(a, neuronAxis) == 1
                ? javaPass(layer, a, neuronAxis)
                : withOps(layer, a, neuronAxis);
        NeuronValues.LayerValues values = r.values();
        if (!r.finite()) {
            String what = "layer '" + layer + "'";
            int batch = values.batch();
            ModelChecks.checkFinite(model, what, Tensor.wrap(values.means(), Shape.of(batch * values.neurons())));
            ModelChecks.checkFinite(model, what, Tensor.wrap(values.maxs().clone(), Shape.of(batch)));
            ModelChecks.checkFinite(model, what, Tensor.wrap(values.mins().clone(), Shape.of(batch)));
        }
        return values;
    }

    /** Values per neuron and input: the product of the spatial axes' sizes, 1 for a dense layer. */
    private static long positions(INDArray a, int neuronAxis) {
        long positions = 1;
        for (int axis = 1; axis < a.rank(); axis++) {
            positions *= axis == neuronAxis ? 1 : a.size(axis);
        }
        return positions;
    }

    /** A layer's values, and whether all of them are finite (false also where a sum merely overflowed). */
    private record Reduced(NeuronValues.LayerValues values, boolean finite) {}

    /**
     * Three ND4J reductions, in the network's own precision like TensorFlow: the faster way for large layers with
     * several positions per neuron, which are of rank 3 or more (dense and smaller layers take the Java pass).
     */
    private static Reduced withOps(String layer, INDArray d, int neuronAxis) {
        int rank = d.rank();
        int batch = Math.toIntExact(d.size(0));
        int[] spatial = new int[rank - 2];
        int[] notBatch = new int[rank - 1];
        int si = 0;
        for (int axis = 1; axis < rank; axis++) {
            notBatch[axis - 1] = axis;
            if (axis != neuronAxis) {
                spatial[si++] = axis;
            }
        }
        INDArray means = d.mean(spatial);
        double[] mins = d.min(notBatch).toDoubleVector();
        double[] maxs = d.max(notBatch).toDoubleVector();
        boolean finite = true;
        for (int s = 0; s < batch; s++) {
            finite &= Double.isFinite(mins[s]) && Double.isFinite(maxs[s]);
        }
        int neurons = Math.toIntExact(means.length() / batch);
        // the means are checked in their Java copy: batch × channels values, cheaper than one more ND4J op
        if (means.dataType() == DataType.FLOAT) {
            float[] f = Dl4jTensors.floats(means);
            for (float v : f) {
                finite &= Float.isFinite(v);
            }
            return new Reduced(NeuronValues.LayerValues.ofFloats(layer, batch, neurons, f, mins, maxs), finite);
        }
        double[] v = Dl4jTensors.doubles(means);
        for (double x : v) {
            finite &= Double.isFinite(x);
        }
        return new Reduced(new NeuronValues.LayerValues(layer, batch, neurons, v, mins, maxs), finite);
    }

    /**
     * One bulk copy of the layer and one pass over it in Java, input by input: its minimum and maximum and, widened
     * into one reused row, each neuron's sum in double. Where every neuron is one value (a dense layer) the copy is
     * the means, so nothing is reduced but the extremes: for small layers, where each ND4J reduction costs tens of
     * microseconds whatever its size, and for wide dense ones, where ND4J's min, max and finite check took twice as
     * long as the copy and this pass.
     */
    private static Reduced javaPass(String layer, INDArray a, int neuronAxis) {
        long[] shape = a.shape();
        int batch = Math.toIntExact(shape[0]);
        int channels = shape.length < 2 ? 1 : Math.toIntExact(shape[neuronAxis]);
        int inner = 1; // values of one channel that lie next to each other (channels first)
        for (int d = neuronAxis + 1; d < shape.length; d++) {
            inner *= Math.toIntExact(shape[d]);
        }
        int perSample = Math.toIntExact(a.length() / batch);
        int positions = perSample / channels;
        boolean floats = a.dataType() == DataType.FLOAT;
        float[] f = floats ? Dl4jTensors.floats(a) : null;
        double[] d = floats ? null : Dl4jTensors.doubles(a);
        double[] sums = positions == 1 ? null : new double[batch * channels];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        double[] row = positions == 1 ? null : new double[perSample];
        double[] extremes = new double[2];
        boolean finite = true;
        for (int s = 0; s < batch; s++) {
            int at = s * perSample;
            if (row == null && floats) {
                minMax(f, at, at + perSample, extremes); // a dense layer: its values are its means
            } else if (row == null) {
                minMax(d, at, at + perSample, extremes);
            } else {
                if (floats) {
                    for (int i = 0; i < perSample; i++) {
                        row[i] = f[at + i];
                    }
                } else {
                    System.arraycopy(d, at, row, 0, perSample);
                }
                minMax(row, 0, perSample, extremes);
                addChannelSums(row, sums, s * channels, channels, inner);
            }
            mins[s] = extremes[0];
            maxs[s] = extremes[1];
            finite &= Double.isFinite(extremes[0]) && Double.isFinite(extremes[1]);
        }
        int neurons = channels;
        if (sums == null) {
            return new Reduced(
                    floats
                            ? NeuronValues.LayerValues.ofFloats(layer, batch, neurons, f, mins, maxs)
                            : new NeuronValues.LayerValues(layer, batch, neurons, d, mins, maxs),
                    finite);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= positions;
        }
        if (!floats) {
            return new Reduced(new NeuronValues.LayerValues(layer, batch, neurons, sums, mins, maxs), finite);
        }
        float[] means = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            means[i] = (float) sums[i];
        }
        return new Reduced(NeuronValues.LayerValues.ofFloats(layer, batch, neurons, means, mins, maxs), finite);
    }

    /** The minimum and maximum of {@code v[from .. to]} into {@code out}; NaN if any is, so both are finite only if all are. */
    private static void minMax(float[] v, int from, int to, double[] out) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        out[0] = min;
        out[1] = max;
    }

    private static void minMax(double[] v, int from, int to, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        out[0] = min;
        out[1] = max;
    }

    /**
     * Adds one input's values to its channels' sums at {@code sums[base ..]}: runs of {@code inner} values per channel
     * (channels first), or channel after channel at every position ({@code inner} 1, channels last).
     */
    private static void addChannelSums(double[] row, double[] sums, int base, int channels, int inner) {
        if (inner == 1) { // element by element, which the JIT vectorises
            for (int at = 0; at < row.length; at += channels) {
                for (int c = 0; c < channels; c++) {
                    sums[base + c] += row[at + c];
                }
            }
            return;
        }
        int at = 0;
        while (at < row.length) {
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int i = 0; i < inner; i++) {
                    sum += row[at++];
                }
                sums[base + c] += sum;
            }
        }
    }
}
