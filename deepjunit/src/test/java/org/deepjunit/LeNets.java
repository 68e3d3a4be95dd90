package org.deepjunit;

import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.dl4j.Hdf5Access;
import org.deepjunit.testing.DeepXploreModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DeepXplore's LeNet-1 imported into DL4J with one weight changed, for the differential proofs. */
final class LeNets {

    private LeNets() {}

    /** LeNet-1 with {@code delta} added to one weight of layer {@code layer} at flat index {@code index}. */
    static Dl4jModel perturbedLenet1(String layer, long index, double delta) {
        try {
            ComputationGraph graph = Hdf5Access.locked(() -> KerasModelImport.importKerasModelAndWeights(
                    DeepXploreModels.resource("lenet1.json").toString(),
                    DeepXploreModels.resource("Model1.h5").toString(),
                    false));
            INDArray w = graph.getLayer(layer).getParam("W");
            double before = w.getDouble(index);
            w.putScalar(index, before + delta);
            if (Math.abs(w.getDouble(index) - (before + delta)) > 1e-5) {
                throw new IllegalStateException("Weight " + index + " of " + layer + " did not change");
            }
            return Dl4jModel.builder(graph)
                    .name("lenet1-perturbed")
                    .inputShape(28, 28, 1)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot import LeNet-1: " + e, e);
        }
    }
}
