package org.deepjunit.model.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deepjunit.model.Layer;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's layers as DeepJUnit reports them, in forward order: each node's layout and channels-last shape, found
 * by a trial forward pass on one zero sample (the configuration alone does not tell every rank and shape).
 *
 * @param layouts    per layer, the layout DL4J computes it in
 * @param layers     per layer, its name, kind and channels-last per-sample shape
 * @param inputNodes the names of the input nodes
 */
record NetLayers(List<Layout> layouts, List<Layer> layers, Set<String> inputNodes) {

    /** Runs the trial pass ({@code toNet} converts the zero sample into the network's input) and reads it. */
    static NetLayers discover(
            Dl4jNet net, Layout inputLayout, Shape inputShape, String name, Function<Tensor, INDArray> toNet) {
        int[] trialDims = inputShape.withBatch(1).dims();
        for (int i = 0; i < trialDims.length; i++) {
            trialDims[i] = trialDims[i] == Shape.UNKNOWN ? 1 : trialDims[i];
        }
        Map<String, INDArray> trial;
        try {
            trial = net.feedForward(toNet.apply(Tensor.zeros(dataType(net), Shape.of(trialDims))));
        } catch (RuntimeException e) {
            throw new ModelException(
                    "Model '" + name + "' does not accept inputs of shape " + inputShape
                            + " (channels-last, per sample): " + e.getMessage()
                            + "; give the right one with Dl4jModel.builder(network).inputShape(...)",
                    e);
        }
        List<Layout> layouts = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        Set<String> inputNodes = new LinkedHashSet<>();
        Map<Integer, Layout> byIndex = new LinkedHashMap<>();
        Layout previous = inputLayout;
        for (Dl4jNet.Node node : net.nodes) {
            Layout layout;
            Shape shape;
            if (node.input) {
                layout = inputLayout;
                shape = inputShape;
                inputNodes.add(node.name);
            } else {
                INDArray a = trial.get(node.name);
                if (a == null) {
                    throw new ModelException("Model '" + name + "': no output for layer '" + node.name + "'");
                }
                Layout in = net.mln != null
                        ? previous
                        : node.inputs.length > 0 && byIndex.containsKey(node.inputs[0])
                                ? byIndex.get(node.inputs[0])
                                : inputLayout;
                layout = Layout.of(node, a.rank(), in);
                shape = Shape.ofLongs(layout.toChannelsLast(a).shape()).withoutBatch();
            }
            node.layout = layout;
            byIndex.put(node.index, layout);
            previous = layout;
            layouts.add(layout);
            layers.add(new Layer(node.name, node.kind, shape));
        }
        return new NetLayers(List.copyOf(layouts), List.copyOf(layers), Set.copyOf(inputNodes));
    }

    private static org.deepjunit.model.DataType dataType(Dl4jNet net) {
        return net.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE
                ? org.deepjunit.model.DataType.FLOAT64
                : org.deepjunit.model.DataType.FLOAT32;
    }
}
