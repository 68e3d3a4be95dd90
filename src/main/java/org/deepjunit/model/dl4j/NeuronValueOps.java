package org.deepjunit.model.dl4j;

import org.deepjunit.Model;
import org.deepjunit.Shape;
import org.deepjunit.Tensor;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.NeuronValues;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One layer's neuron values from its DL4J activation array, reduced with ND4J ops. */
final class NeuronValueOps {

    private NeuronValueOps() {
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
        double[] m = (means.ordering() == 'c' && !means.isView() ? means.reshape('c', new long[] {means.length()})
                : Nd4j.toFlattened('c', means)).toDoubleVector();
        double[] mins = rank == 1 ? d.toDoubleVector() : d.min(notBatch).toDoubleVector();
        double[] maxs = rank == 1 ? d.toDoubleVector() : d.max(notBatch).toDoubleVector();
        ModelChecks.checkFinite(model, "layer '" + layer + "'", Tensor.wrap(m, Shape.of(m.length))); // only read
        ModelChecks.checkFinite(model, "layer '" + layer + "'", Tensor.wrap(maxs.clone(), Shape.of(batch)));
        ModelChecks.checkFinite(model, "layer '" + layer + "'", Tensor.wrap(mins.clone(), Shape.of(batch)));
        return new NeuronValues.LayerValues(layer, batch, m.length / batch, m, mins, maxs);
    }
}
