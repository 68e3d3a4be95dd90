package org.deepjunit.model.dl4j;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Dl4jModel}'s layer-by-layer forward pass (activations, neuron values, recorded predicts): every wanted
 * layer's array, in model order, to a visitor that copies what it needs onto the Java heap.
 */
final class LayerPass {

    /** What a pass gives for one wanted layer: its index, the converted input and its array (null: an input node). */
    interface LayerVisitor {
        void visit(int index, Tensor converted, INDArray array);
    }

    private final Dl4jNet net;
    private final List<Layer> layers;
    private final Set<String> inputNodes;
    private final String outputNode;
    private final Layout outputLayout;

    LayerPass(Dl4jNet net, List<Layer> layers, Set<String> inputNodes, Layout outputLayout) {
        this.net = net;
        this.layers = layers;
        this.inputNodes = Set.copyOf(inputNodes);
        this.outputNode = net.outputNodeName();
        this.outputLayout = outputLayout;
    }

    /**
     * One pass over {@code converted} (already in the model's data type): each wanted layer to {@code visitor},
     * then the output through {@code toTensor}. No array may outlive the call; the caller holds the model's lock.
     */
    Tensor run(
            Tensor converted,
            Collection<String> layerNames,
            Function<Tensor, INDArray> toNet,
            Function<INDArray, Tensor> toTensor,
            LayerVisitor visitor) {
        Set<String> wanted = new HashSet<>(layerNames);
        Map<String, INDArray> all = net.feedForward(toNet.apply(converted));
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i).name();
            if (wanted.contains(layer)) {
                visitor.visit(i, converted, inputNodes.contains(layer) ? null : all.get(layer));
            }
        }
        return toTensor.apply(outputLayout.toChannelsLast(all.get(outputNode)));
    }
}
