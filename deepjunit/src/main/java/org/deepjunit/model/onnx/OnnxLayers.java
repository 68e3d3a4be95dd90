package org.deepjunit.model.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepjunit.model.LayerKind;

/**
 * Finds the layers of an ONNX graph as DeepXplore counts them: one layer per Conv/Gemm/MatMul together with the
 * bias Add and the activation that follow it, one per pooling, normalisation, residual Add/Sum/Concat and
 * Softmax node; each named by the value it outputs. Reshapes, transposes, constants and other plumbing are not
 * layers. Also tells which values are channels-first (ONNX's spatial ops are NCHW), so that the adapter can hand
 * out channels-last tensors.
 */
final class OnnxLayers {

    /** A layer found in the graph: the value that is its output, and its kind. */
    record Found(String value, LayerKind kind) {}

    private static final Set<String> CONVOLUTIONS = Set.of("Conv", "ConvTranspose", "ConvInteger", "QLinearConv");
    private static final Set<String> DENSE = Set.of("Gemm", "MatMul", "MatMulInteger", "QLinearMatMul");
    private static final Set<String> POOLING =
            Set.of("MaxPool", "AveragePool", "GlobalMaxPool", "GlobalAveragePool", "LpPool", "GlobalLpPool");
    private static final Set<String> NORMALISATION =
            Set.of("BatchNormalization", "InstanceNormalization", "LRN", "GroupNormalization", "LayerNormalization");
    private static final Set<String> MERGES = Set.of("Add", "Sum", "Concat");
    private static final Set<String> SOFTMAX = Set.of("Softmax", "LogSoftmax");
    private static final Set<String> ACTIVATIONS = Set.of(
            "Relu",
            "LeakyRelu",
            "PRelu",
            "Elu",
            "Selu",
            "Celu",
            "Sigmoid",
            "HardSigmoid",
            "Tanh",
            "Softplus",
            "Softsign",
            "Clip",
            "Gelu",
            "HardSwish",
            "Mish",
            "ThresholdedRelu");
    /** Element-wise ops whose output keeps the layout of their (first non-constant) input. */
    private static final Set<String> LAYOUT_PRESERVING = Set.of(
            "Add",
            "Sub",
            "Mul",
            "Div",
            "Sum",
            "Max",
            "Min",
            "Mean",
            "Concat",
            "Dropout",
            "Identity",
            "Pad",
            "Abs",
            "Neg",
            "Sqrt",
            "Exp",
            "Pow",
            "Cast",
            "Resize",
            "Upsample");
    /** ONNX's spatial ops take and give NCHW (N, C, D1, D2, …), whatever layout the model's input has. */
    private static final Set<String> CHANNELS_FIRST_OUTPUT = Set.of(
            "Conv",
            "ConvTranspose",
            "ConvInteger",
            "QLinearConv",
            "MaxPool",
            "AveragePool",
            "GlobalMaxPool",
            "GlobalAveragePool",
            "LpPool",
            "GlobalLpPool",
            "BatchNormalization",
            "InstanceNormalization",
            "LRN",
            "GroupNormalization");

    private final OnnxGraph graph;
    private final Set<String> channelsFirst = new HashSet<>();

    OnnxLayers(OnnxGraph graph, String input, boolean inputChannelsFirst) {
        this.graph = graph;
        if (inputChannelsFirst) {
            channelsFirst.add(input);
        }
        for (OnnxGraph.Node node : graph.nodes()) {
            if (producesChannelsFirst(node)) {
                channelsFirst.addAll(node.outputs());
            }
        }
    }

    /** Whether the input is channels-first when the model does not say: rank ≥ 3 fed to a Conv or pooling op. */
    static boolean inputLooksChannelsFirst(OnnxGraph graph, OnnxGraph.ValueInfo input) {
        if (input.dims() == null || input.dims().length < 3) {
            return false;
        }
        for (OnnxGraph.Node consumer : graph.consumers(input.name())) {
            if (consumer.opType().equals("Transpose")) {
                return false; // a tf2onnx/Keras export: channels-last input, transposed inside
            }
        }
        return input.dims().length == 4
                || graph.consumers(input.name()).stream()
                        .anyMatch(n -> CONVOLUTIONS.contains(n.opType()) || POOLING.contains(n.opType()));
    }

    boolean isChannelsFirst(String value) {
        return channelsFirst.contains(value);
    }

    List<Found> find() {
        List<Found> layers = new ArrayList<>();
        Set<OnnxGraph.Node> absorbed = new HashSet<>();
        for (OnnxGraph.Node node : graph.nodes()) {
            if (absorbed.contains(node) || node.outputs().isEmpty()) {
                continue;
            }
            LayerKind kind = kindOf(node);
            if (kind == null) {
                continue;
            }
            OnnxGraph.Node end = node;
            if (kind == LayerKind.CONVOLUTION || kind == LayerKind.DENSE) {
                OnnxGraph.Node bias = soleConsumer(end);
                if (bias != null && bias.opType().equals("Add") && hasConstantInput(bias)) {
                    absorbed.add(bias);
                    end = bias;
                }
            }
            if (kind != LayerKind.POOLING && kind != LayerKind.ACTIVATION) {
                OnnxGraph.Node activation = soleConsumer(end);
                if (activation != null && ACTIVATIONS.contains(activation.opType())) {
                    absorbed.add(activation);
                    end = activation;
                }
            }
            String value = end.outputs().get(0);
            layers.add(new Found(value, kind));
        }
        return layers;
    }

    /** The kind of layer a node starts, or null when it starts none. */
    LayerKind kindOf(OnnxGraph.Node node) {
        String op = node.opType();
        if (CONVOLUTIONS.contains(op)) {
            return LayerKind.CONVOLUTION;
        }
        if (DENSE.contains(op)) {
            return LayerKind.DENSE;
        }
        if (POOLING.contains(op)) {
            return LayerKind.POOLING;
        }
        if (NORMALISATION.contains(op)) {
            return LayerKind.NORMALIZATION;
        }
        if (SOFTMAX.contains(op) || ACTIVATIONS.contains(op)) {
            return LayerKind.ACTIVATION;
        }
        if (op.equals("Concat") || (MERGES.contains(op) && nonConstantInputs(node) >= 2)) {
            return LayerKind.MERGE;
        }
        return null;
    }

    /** The kind of a value a user names: that of the node computing it, {@link LayerKind#OTHER} for plumbing. */
    LayerKind kindOfValue(String value) {
        OnnxGraph.Node producer = graph.producer(value);
        LayerKind kind = producer == null ? null : kindOf(producer);
        return kind == null ? LayerKind.OTHER : kind;
    }

    private boolean producesChannelsFirst(OnnxGraph.Node node) {
        String op = node.opType();
        if (CHANNELS_FIRST_OUTPUT.contains(op)) {
            return true;
        }
        if (op.equals("Transpose")) {
            long[] perm = node.ints().get("perm");
            // channels-last to channels-first: the last axis moves to position 1, the others keep their order
            if (perm == null || perm.length < 3 || perm[0] != 0 || perm[1] != perm.length - 1) {
                return false;
            }
            for (int i = 2; i < perm.length; i++) {
                if (perm[i] != i - 1) {
                    return false;
                }
            }
            return true;
        }
        if (LAYOUT_PRESERVING.contains(op) || ACTIVATIONS.contains(op)) {
            return node.inputs().stream()
                    .filter(v -> !graph.constants().contains(v))
                    .anyMatch(channelsFirst::contains);
        }
        return false;
    }

    private OnnxGraph.Node soleConsumer(OnnxGraph.Node node) {
        String value = node.outputs().get(0);
        List<OnnxGraph.Node> consumers = graph.consumers(value);
        return consumers.size() == 1 && !graph.isGraphOutput(value) ? consumers.get(0) : null;
    }

    private boolean hasConstantInput(OnnxGraph.Node node) {
        return node.inputs().stream().anyMatch(graph.constants()::contains);
    }

    private int nonConstantInputs(OnnxGraph.Node node) {
        return (int) node.inputs().stream()
                .filter(v -> !v.isEmpty() && !graph.constants().contains(v))
                .count();
    }
}
