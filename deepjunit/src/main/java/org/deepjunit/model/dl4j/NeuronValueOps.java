package org.deepjunit.model.dl4j;

import org.deepjunit.model.Activations;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One layer's neuron values from its DL4J activation array, reduced with ND4J ops. */
final class NeuronValueOps {

    private NeuronValueOps() {}

    /** A layer's values from its array in {@code layout}, or from the input itself when {@code a} is null. */
    static NeuronValues.LayerValues layerValues(Model model, String layer, Tensor input, INDArray a, Layout layout) {
        return a == null
                ? NeuronValues.of(new Activations(java.util.Map.of(layer, input), input))
                        .layer(layer)
                : layerValues(model, layer, a, layout.neuronAxis(a.rank()));
    }

    static NeuronValues.LayerValues layerValues(Model model, String layer, INDArray a, int neuronAxis) {
        INDArray d = a; // reduced in the network's own precision, like TensorFlow
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
        // a row sum is finite exactly when its means are (or it overflowed, which only costs the full check below)
        double[] sums = means.sum(1).toDoubleVector();
        boolean finite = true;
        for (int s = 0; s < batch; s++) {
            finite &= Double.isFinite(sums[s]) && Double.isFinite(mins[s]) && Double.isFinite(maxs[s]);
        }
        int neurons = Math.toIntExact(means.length() / batch);
        NeuronValues.LayerValues values = means.dataType() == DataType.FLOAT
                ? NeuronValues.LayerValues.ofFloats(layer, batch, neurons, Dl4jTensors.floats(means), mins, maxs)
                : new NeuronValues.LayerValues(layer, batch, neurons, Dl4jTensors.doubles(means), mins, maxs);
        if (!finite) {
            String what = "layer '" + layer + "'";
            ModelChecks.checkFinite(model, what, Tensor.wrap(values.means(), Shape.of(batch * neurons)));
            ModelChecks.checkFinite(model, what, Tensor.wrap(maxs.clone(), Shape.of(batch)));
            ModelChecks.checkFinite(model, what, Tensor.wrap(mins.clone(), Shape.of(batch)));
        }
        return values;
    }
}
