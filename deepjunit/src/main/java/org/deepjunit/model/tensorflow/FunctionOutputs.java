package org.deepjunit.model.tensorflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Looks inside the function library of a graph to tell which op finally produces an output that
 * comes out of a (Stateful)PartitionedCall, as in SavedModels written by TF2/Keras: following
 * Identity ops and nested calls.
 */
final class FunctionOutputs {

    private FunctionOutputs() {}

    /** The op type producing output {@code index} of top-level op {@code opName}, or null if it cannot be told. */
    static String producerType(GraphDef graphDef, String opName, int index) {
        Map<String, FunctionDef> library = new HashMap<>();
        for (FunctionDef f : graphDef.getLibrary().getFunctionList()) {
            library.put(f.getSignature().getName(), f);
        }
        Map<String, NodeDef> nodes = byName(graphDef.getNodeList());
        NodeDef node = nodes.get(opName);
        return node == null ? null : resolveNode(node, index, nodes, library, 0);
    }

    private static String resolveNode(
            NodeDef node, int index, Map<String, NodeDef> scope, Map<String, FunctionDef> library, int depth) {
        if (depth > 64) {
            return null;
        }
        String op = node.getOp();
        if ("Identity".equals(op)) {
            return node.getInputCount() == 0 ? null : resolveRef(node.getInput(0), scope, library, depth + 1);
        }
        if (GraphLayers.CALLS.contains(op)) {
            AttrValue f = node.getAttrMap().get("f");
            FunctionDef fn = f == null ? null : library.get(f.getFunc().getName());
            if (fn == null || index >= fn.getSignature().getOutputArgCount()) {
                return null;
            }
            String ret =
                    fn.getRetMap().get(fn.getSignature().getOutputArg(index).getName());
            return ret == null ? null : resolveRef(ret, byName(fn.getNodeDefList()), library, depth + 1);
        }
        return op;
    }

    /** A graph reference {@code node[:i]} or a function-body reference {@code node:outArg:i}; args give null. */
    private static String resolveRef(
            String ref, Map<String, NodeDef> scope, Map<String, FunctionDef> library, int depth) {
        String[] parts = ref.split(":");
        NodeDef node = scope.get(parts[0]);
        if (node == null) {
            return null;
        }
        int index = 0;
        if (parts.length > 1) {
            try {
                index = Integer.parseInt(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return resolveNode(node, index, scope, library, depth);
    }

    private static Map<String, NodeDef> byName(List<NodeDef> nodes) {
        Map<String, NodeDef> m = new HashMap<>();
        for (NodeDef n : nodes) {
            m.put(n.getName(), n);
        }
        return m;
    }

    /** Why the logits of an output coming out of function call {@code call} are out of reach, or null. */
    static String logitsHiddenReason(Graph graph, Output<?> output, GraphOperation call) {
        String producer =
                FunctionOutputs.producerType(graph.toGraphDef(), output.op().name(), output.index());
        if (producer == null) {
            return "its output comes out of the TensorFlow function call '" + call.name() + "' whose last op "
                    + "could not be identified";
        }
        if ("Softmax".equals(producer)) {
            return "its output is the softmax computed inside the TensorFlow function call '" + call.name() + "'";
        }
        return null;
    }
}
