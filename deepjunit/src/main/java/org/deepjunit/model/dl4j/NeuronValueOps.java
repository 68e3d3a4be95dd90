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
     * Up to this many values a layer is reduced in one Java pass, beyond it with ND4J's reductions. Measured per
     * layer (two cores, median of 300): [64, 120] 116 µs with ND4J, 31 µs in Java; [64, 14, 14, 16] 436 µs and
     * 537 µs; [64, 50000] 9.4 ms and 15.6 ms.
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
        Reduced r = a.length() <= JAVA_PASS_VALUES ? javaPass(layer, a, neuronAxis) : withOps(layer, a, neuronAxis);
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

    /** A layer's values, and whether all of them are finite (false also where a sum merely overflowed). */
    private record Reduced(NeuronValues.LayerValues values, boolean finite) {}

    /** Four ND4J reductions, in the network's own precision like TensorFlow: the faster way for large layers. */
    private static Reduced withOps(String layer, INDArray d, int neuronAxis) {
        int rank = d.rank();
        int batch = Math.toIntExact(d.size(0));
        int[] spatial = new int[Math.max(0, rank - 2)];
        int[] notBatch = new int[rank - 1];
        int si = 0;
        for (int axis = 1; axis < rank; axis++) {
            notBatch[axis - 1] = axis;
            if (axis != neuronAxis) {
                spatial[si++] = axis;
            }
        }
        INDArray means = rank == 1 ? d.reshape(batch, 1) : spatial.length == 0 ? d : d.mean(spatial);
        double[] mins = rank == 1 ? d.toDoubleVector() : d.min(notBatch).toDoubleVector();
        double[] maxs = rank == 1 ? d.toDoubleVector() : d.max(notBatch).toDoubleVector();
        // a row sum is finite exactly when its means are (or it overflowed, which only costs the full check)
        double[] sums = means.sum(1).toDoubleVector();
        boolean finite = true;
        for (int s = 0; s < batch; s++) {
            finite &= Double.isFinite(sums[s]) && Double.isFinite(mins[s]) && Double.isFinite(maxs[s]);
        }
        int neurons = Math.toIntExact(means.length() / batch);
        return new Reduced(
                means.dataType() == DataType.FLOAT
                        ? NeuronValues.LayerValues.ofFloats(
                                layer, batch, neurons, Dl4jTensors.floats(means), mins, maxs)
                        : new NeuronValues.LayerValues(layer, batch, neurons, Dl4jTensors.doubles(means), mins, maxs),
                finite);
    }

    /**
     * One bulk copy and one pass in Java, summing in double: for small layers (one image through LeNet-5), where
     * each ND4J reduction costs tens of microseconds whatever its size.
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
        int outer = perSample / (channels * inner);
        double[] v = a.dataType() == DataType.DOUBLE ? Dl4jTensors.doubles(a) : widen(Dl4jTensors.floats(a));
        double[] means = new double[batch * channels];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        boolean finite = true;
        int at = 0;
        for (int s = 0; s < batch; s++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outer; o++) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int i = 0; i < inner; i++) {
                        double x = v[at++];
                        sum += x;
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                    means[s * channels + c] += sum;
                }
            }
            mins[s] = min;
            maxs[s] = max;
            finite &= Double.isFinite(min) && Double.isFinite(max);
        }
        int positions = outer * inner;
        for (int i = 0; i < means.length; i++) {
            means[i] /= positions;
        }
        if (a.dataType() != DataType.FLOAT) {
            return new Reduced(new NeuronValues.LayerValues(layer, batch, channels, means, mins, maxs), finite);
        }
        float[] floats = new float[means.length];
        for (int i = 0; i < means.length; i++) {
            floats[i] = (float) means[i];
        }
        return new Reduced(NeuronValues.LayerValues.ofFloats(layer, batch, channels, floats, mins, maxs), finite);
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
