package org.deepjunit.model.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.LayerKind;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/** Finds layers in a TensorFlow graph and tells what kind each is, from op types. */
final class GraphLayers {

    static final Set<String> ACTIVATIONS = Set.of(
            "Relu",
            "Relu6",
            "Elu",
            "Selu",
            "Sigmoid",
            "Tanh",
            "Softmax",
            "LogSoftmax",
            "LeakyRelu",
            "Softplus",
            "Softsign",
            "Gelu");
    static final Set<String> CONVOLUTIONS =
            Set.of("Conv2D", "Conv1D", "Conv3D", "DepthwiseConv2dNative", "Conv2DBackpropInput");
    static final Set<String> POOLS = Set.of("MaxPool", "MaxPoolV2", "AvgPool", "MaxPool3D", "AvgPool3D");
    static final Set<String> DENSES = Set.of("MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3");
    static final Set<String> BIASES = Set.of("BiasAdd", "Add", "AddV2");
    static final Set<String> RESHAPES = Set.of("Reshape", "Squeeze", "ExpandDims");
    static final Set<String> NORMALIZATIONS = Set.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3");
    static final Set<String> MERGES = Set.of("ConcatV2", "AddN");
    static final Set<String> PASS_THROUGH = Set.of("Identity");
    static final Set<String> CALLS = Set.of("PartitionedCall", "StatefulPartitionedCall");

    private GraphLayers() {}

    /**
     * What the op producing {@code out} does. An activation or bias-add directly after a
     * convolution or matrix product (through bias-adds, not through another declared layer)
     * takes that op's kind, as in a Keras {@code Dense(activation=...)}; otherwise it is an
     * {@link LayerKind#ACTIVATION}.
     */
    static LayerKind kindOf(Output<?> out, Set<String> declaredOps) {
        GraphOperation op = (GraphOperation) out.op();
        String type = op.type();
        if (CONVOLUTIONS.contains(type)) {
            return LayerKind.CONVOLUTION;
        }
        if (POOLS.contains(type)) {
            return LayerKind.POOLING;
        }
        if (DENSES.contains(type)) {
            return LayerKind.DENSE;
        }
        if (NORMALIZATIONS.contains(type)) {
            return LayerKind.NORMALIZATION;
        }
        if (MERGES.contains(type)) {
            return LayerKind.MERGE;
        }
        if ("Placeholder".equals(type)) {
            return LayerKind.INPUT;
        }
        if (RESHAPES.contains(type)) {
            int outRank = out.shape().numDimensions();
            int inRank = op.numInputs() > 0 ? op.input(0).shape().numDimensions() : -1;
            return outRank == 2 && inRank > 2 ? LayerKind.FLATTEN : LayerKind.RESHAPE;
        }
        if (ACTIVATIONS.contains(type) || BIASES.contains(type) || PASS_THROUGH.contains(type)) {
            LayerKind upstream = definingKind(op, declaredOps);
            if (upstream != null) {
                return upstream;
            }
            return ACTIVATIONS.contains(type) ? LayerKind.ACTIVATION : LayerKind.OTHER;
        }
        return LayerKind.OTHER;
    }

    /** Walks up input 0 through activations, bias-adds and identities to a conv or matmul, or null. */
    private static LayerKind definingKind(GraphOperation op, Set<String> declaredOps) {
        GraphOperation current = op;
        for (int guard = 0; guard < 16 && current.numInputs() > 0; guard++) {
            GraphOperation up = (GraphOperation) current.input(0).op();
            if (declaredOps.contains(up.name())) {
                return null;
            }
            String t = up.type();
            if (CONVOLUTIONS.contains(t)) {
                return LayerKind.CONVOLUTION;
            }
            if (DENSES.contains(t)) {
                return LayerKind.DENSE;
            }
            if (NORMALIZATIONS.contains(t)) {
                return LayerKind.NORMALIZATION;
            }
            if (!(BIASES.contains(t) || ACTIVATIONS.contains(t) || PASS_THROUGH.contains(t))) {
                return null;
            }
            current = up;
        }
        return null;
    }

    /** Creation order of every op: topological for graphs imported from a GraphDef or built in order. */
    static Map<String, Integer> order(Graph graph) {
        Map<String, Integer> order = new HashMap<>();
        Iterator<GraphOperation> it = graph.operations();
        int i = 0;
        while (it.hasNext()) {
            order.put(it.next().name(), i++);
        }
        return order;
    }

    /**
     * Finds the layers between {@code input} and {@code output} when the user named none: every
     * convolution, pooling, dense, normalisation, reshape, merge and activation op on a path from
     * the input to the output, where a chain such as MatMul → BiasAdd → Relu inside one name scope
     * is one layer ending at its last op. Returned in forward order, output op included.
     */
    static List<GraphOperation> discover(Graph graph, Output<?> input, Output<?> output) {
        Set<GraphOperation> onPath = pathOps(input, output);
        Map<String, Integer> order = order(graph);
        List<GraphOperation> result = new ArrayList<>();
        for (GraphOperation op : onPath) {
            String t = op.type();
            boolean layerType = CONVOLUTIONS.contains(t)
                    || POOLS.contains(t)
                    || DENSES.contains(t)
                    || NORMALIZATIONS.contains(t)
                    || RESHAPES.contains(t)
                    || MERGES.contains(t)
                    || ACTIVATIONS.contains(t)
                    || "BiasAdd".equals(t)
                    || (BIASES.contains(t)
                            && op.numInputs() > 0
                            && isOpener(((GraphOperation) op.input(0).op()).type()));
            if (!layerType || op.equals(input.op()) || continuesInScope(op, onPath)) {
                continue;
            }
            result.add(op);
        }
        result.sort((a, b) -> Integer.compare(order.get(a.name()), order.get(b.name())));
        return result;
    }

    /** The ops on some path from {@code input} to {@code output}, both included. */
    static Set<GraphOperation> pathOps(Output<?> input, Output<?> output) {
        Set<GraphOperation> ancestors = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        todo.add((GraphOperation) output.op());
        while (!todo.isEmpty()) {
            GraphOperation op = todo.poll();
            if (!ancestors.add(op)) {
                continue;
            }
            for (int i = 0; i < op.numInputs(); i++) {
                todo.add((GraphOperation) op.input(i).op());
            }
        }
        Set<GraphOperation> onPath = new HashSet<>();
        todo.add((GraphOperation) input.op());
        while (!todo.isEmpty()) {
            GraphOperation op = todo.poll();
            if (!ancestors.contains(op) || !onPath.add(op)) {
                continue;
            }
            todo.addAll(op.consumers());
        }
        return onPath;
    }

    /** The first function-call op on a path from input to output, or null: layers inside it are hidden. */
    static GraphOperation functionCall(Output<?> input, Output<?> output) {
        for (GraphOperation op : pathOps(input, output)) {
            if (CALLS.contains(op.type())) {
                return op;
            }
        }
        return null;
    }

    /** Whether {@code op} feeds a single bias-add or activation of the same name scope (same layer). */
    private static boolean continuesInScope(GraphOperation op, Set<GraphOperation> onPath) {
        String t = op.type();
        boolean opens =
                CONVOLUTIONS.contains(t) || DENSES.contains(t) || "BiasAdd".equals(t) || NORMALIZATIONS.contains(t);
        if (!opens || op.numConsumers(0) != 1) {
            return false;
        }
        GraphOperation next = op.consumers(0).iterator().next();
        if (!onPath.contains(next)) {
            return false;
        }
        String nt = next.type();
        boolean continues =
                ACTIVATIONS.contains(nt) || "BiasAdd".equals(nt) || (BIASES.contains(nt) && !"BiasAdd".equals(t));
        return continues && scope(op.name()).equals(scope(next.name()));
    }

    private static boolean isOpener(String type) {
        return CONVOLUTIONS.contains(type) || DENSES.contains(type);
    }

    static String scope(String opName) {
        int slash = opName.lastIndexOf('/');
        return slash < 0 ? "" : opName.substring(0, slash);
    }
}
