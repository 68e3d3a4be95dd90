package org.deepjunit.model.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Creates {@code NodeDef}s as operations of a live {@link Graph}. A graph op can only be built once its inputs
 * exist, and function bodies list their nodes in any order, so the nodes are created in dependency order; their
 * flat inputs are regrouped into the op definition's list arguments. Attributes whose names start with an
 * underscore (colocation, output-shape hints) are dropped.
 */
final class NodeDefImporter {

    private NodeDefImporter() {}

    /**
     * Adds {@code nodes} (keyed by name; inputs that are not among them must already be in the graph) and returns
     * the ops created, in creation order.
     */
    static List<GraphOperation> importAll(Graph graph, Map<String, NodeDef> nodes) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (NodeDef n : nodes.values()) {
            Set<String> deps = new HashSet<>();
            for (String in : n.getInputList()) {
                String dep = TensorRef.parse(in.startsWith("^") ? in.substring(1) : in)
                        .node();
                if (nodes.containsKey(dep)) {
                    deps.add(dep);
                }
            }
            pending.put(n.getName(), deps.size());
            for (String d : deps) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n.getName());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        for (NodeDef n : nodes.values()) {
            if (pending.get(n.getName()) == 0) {
                ready.add(n.getName());
            }
        }
        List<GraphOperation> added = new ArrayList<>();
        while (!ready.isEmpty()) {
            String name = ready.poll();
            added.add(create(graph, nodes.get(name)));
            for (String d : dependents.getOrDefault(name, List.of())) {
                if (pending.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (added.size() != nodes.size()) {
            throw new ModelLoadException("The inlined functions contain a cycle; cannot flatten them into a graph");
        }
        return added;
    }

    private static GraphOperation create(Graph graph, NodeDef n) {
        OpDef od = OpDefs.opDef(n.getOp());
        GraphOperationBuilder ob = graph.opBuilder(n.getOp(), n.getName(), graph.baseScope());
        List<Output<?>> data = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (in.startsWith("^")) {
                ob.addControlInput(graph.operationOrThrow(in.substring(1)));
            } else {
                TensorRef r = TensorRef.parse(in);
                data.add(graph.operationOrThrow(r.node()).output(r.index()));
            }
        }
        int next = 0;
        for (OpDef.ArgDef arg : od.getInputArgList()) {
            boolean list =
                    !arg.getNumberAttr().isEmpty() || !arg.getTypeListAttr().isEmpty();
            int k = OpDefs.count(arg, n, od);
            if (next + k > data.size()) {
                throw new ModelLoadException("Node '" + n.getName() + "' (" + n.getOp() + ") has " + data.size()
                        + " inputs, fewer than its op definition needs");
            }
            if (list) {
                ob.addInputList(data.subList(next, next + k).toArray(new Output<?>[0]));
            } else {
                ob.addInput(data.get(next));
            }
            next += k;
        }
        for (Map.Entry<String, AttrValue> a : n.getAttrMap().entrySet()) {
            if (!a.getKey().startsWith("_")) {
                ob.setAttr(a.getKey(), a.getValue());
            }
        }
        try {
            return ob.build();
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    "Cannot copy node '" + n.getName() + "' (" + n.getOp() + ") out of its " + "function: "
                            + e.getMessage(),
                    e);
        }
    }
}
