package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Copies the body of the functions that a graph output comes through into the graph itself, as
 * plain ops, so that every layer of a TF2/Keras SavedModel becomes a named op that can be fetched
 * and differentiated.
 *
 * <p>A TF2 SavedModel's serving output is {@code StatefulPartitionedCall:0}, a call into the
 * function library ({@code __inference_signature_wrapper_*}, which calls
 * {@code __inference__wrapped_model_*}, whose nodes are named {@code sequential/dense/MatMul}...).
 * Each (Stateful)PartitionedCall (or direct call of a library function) on the way to the output
 * is replaced by the nodes of its function, recursively: function arguments become the caller's
 * tensors, {@code node:outArg:i} references become flat output indices (from the op's
 * {@link OpDef}), return values become the call's outputs. The new ops keep their names from the
 * function body when those are free in the graph ({@code sequential/dense/Relu}), otherwise they
 * are prefixed with the call's name. Resource variables are not copied: the function's
 * ReadVariableOps read the graph's own VarHandleOps, so the inlined ops share the loaded weights.
 * Ops that call functions for control flow (While, If...) are copied as they are; their functions
 * stay in the graph's library.
 *
 * <p>Control dependencies of the call op itself are dropped (they order side effects, which an
 * inference graph does not have). Attributes whose names start with an underscore (colocation,
 * output-shape hints) are dropped. The op definitions ({@link OpDefs}) translate named output arguments
 * to flat indices; {@link NodeDefImporter} creates the collected nodes in dependency order.
 */
final class FunctionInliner {

    private final Graph graph;
    private final Map<String, FunctionDef> library = new HashMap<>();
    private final Map<String, NodeDef> topNodes = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final Map<String, List<String>> topCalls = new HashMap<>();
    private final Map<String, String> topCopies = new HashMap<>();
    private final Map<String, NodeDef> emitted = new LinkedHashMap<>();
    private int calls;

    private FunctionInliner(Graph graph) {
        this.graph = graph;
        GraphDef def = graph.toGraphDef();
        for (FunctionDef f : def.getLibrary().getFunctionList()) {
            library.put(f.getSignature().getName(), f);
        }
        for (NodeDef n : def.getNodeList()) {
            topNodes.put(n.getName(), n);
            taken.add(n.getName());
        }
    }

    /** What inlining produced: the output's new tensor and the ops added, in creation order. */
    record Result(Output<?> output, List<GraphOperation> added, int callsInlined) {}

    /**
     * Adds to {@code graph} the ops computing {@code output} with every function call on its way
     * inlined, and returns the new output tensor; the original ops stay untouched. The caller
     * serialises mutation of the graph.
     */
    static Result inline(Graph graph, Output<?> output) {
        return new FunctionInliner(graph).run(output);
    }

    private Result run(Output<?> output) {
        String ref = resolveTop(output.op().name() + ":" + output.index());
        List<GraphOperation> added = NodeDefImporter.importAll(graph, emitted);
        TensorRef r = TensorRef.parse(ref);
        GraphOperation op = graph.operation(r.node());
        return new Result(op.output(r.index()), added, calls);
    }

    // ---- resolving references to flat "name:index" strings in the new graph ----

    private String resolveTop(String ref) {
        TensorRef r = TensorRef.parse(ref);
        NodeDef node = topNodes.get(r.node());
        if (node == null) {
            throw new ModelLoadException("The graph has no node '" + r.node() + "' (referenced as " + ref + ")");
        }
        if (!isCallNode(node)) {
            return topPlain(node) + ":" + r.index();
        }
        List<String> outs = topCalls.get(node.getName());
        if (outs == null) {
            List<String> args = new ArrayList<>();
            for (String in : node.getInputList()) {
                if (!in.startsWith("^")) {
                    args.add(resolveTop(in));
                }
            }
            outs = inlineCall(node, args, node.getName(), 0);
            topCalls.put(node.getName(), outs);
        }
        return pick(outs, node, null, r.index());
    }

    /**
     * A top-level op that is not a call: itself when none of its inputs comes (transitively) out of a
     * call, otherwise a copy reading the inlined tensors (such as an Identity after the call).
     */
    private String topPlain(NodeDef node) {
        String done = topCopies.get(node.getName());
        if (done != null) {
            return done;
        }
        topCopies.put(node.getName(), node.getName()); // guards against cycles through NextIteration
        NodeDef.Builder copy = node.toBuilder().clearInput().clearDevice();
        boolean changed = false;
        for (String in : node.getInputList()) {
            if (in.startsWith("^")) {
                copy.addInput(in);
                continue;
            }
            String resolved = resolveTop(in);
            TensorRef original = TensorRef.parse(in);
            changed |= !resolved.equals(original.node() + ":" + original.index());
            copy.addInput(resolved);
        }
        if (!changed) {
            return node.getName();
        }
        String name = unique(node.getName() + "_inlined", "deepjunit");
        emitted.put(name, copy.setName(name).build());
        topCopies.put(node.getName(), name);
        return name;
    }

    private boolean isCallNode(NodeDef node) {
        return GraphLayers.CALLS.contains(node.getOp()) || library.containsKey(node.getOp());
    }

    private FunctionDef calleeOf(NodeDef call) {
        String name = GraphLayers.CALLS.contains(call.getOp())
                ? call.getAttrOrThrow("f").getFunc().getName()
                : call.getOp();
        FunctionDef fn = library.get(name);
        if (fn == null) {
            throw new ModelLoadException("The function '" + name + "' called by node '" + call.getName()
                    + "' is not in the SavedModel's function library");
        }
        return fn;
    }

    /** The flat output of a call node: PartitionedCall's list "output:i", or a function's i-th output argument. */
    private String pick(List<String> outs, NodeDef call, String argName, int index) {
        int flat = index;
        if (argName != null && !GraphLayers.CALLS.contains(call.getOp())) {
            FunctionDef fn = calleeOf(call);
            flat = -1;
            for (int i = 0; i < fn.getSignature().getOutputArgCount(); i++) {
                if (fn.getSignature().getOutputArg(i).getName().equals(argName)) {
                    flat = i + index;
                }
            }
        }
        if (flat < 0 || flat >= outs.size()) {
            throw new ModelLoadException("Call node '" + call.getName() + "' has " + outs.size() + " outputs; output "
                    + (argName == null ? "" : argName + ":") + index + " does not exist");
        }
        return outs.get(flat);
    }

    private final class Body {
        final String prefix;
        final FunctionDef fn;
        final Map<String, NodeDef> nodes = new HashMap<>();
        final Map<String, String> args = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
        final Map<String, List<String>> calls = new HashMap<>();
        final int depth;

        Body(String prefix, FunctionDef fn, int depth) {
            this.prefix = prefix;
            this.fn = fn;
            this.depth = depth;
        }
    }

    private List<String> inlineCall(NodeDef call, List<String> args, String prefix, int depth) {
        if (depth > 32) {
            throw new ModelLoadException("Function calls nested more than 32 deep at '" + call.getName() + "'");
        }
        FunctionDef fn = calleeOf(call);
        int expected = fn.getSignature().getInputArgCount();
        if (args.size() != expected) {
            throw new ModelLoadException("Call node '" + call.getName() + "' passes " + args.size()
                    + " arguments to function '" + fn.getSignature().getName() + "', which takes " + expected);
        }
        calls++;
        Body b = new Body(prefix, fn, depth);
        for (int i = 0; i < expected; i++) {
            b.args.put(fn.getSignature().getInputArg(i).getName(), args.get(i));
        }
        for (NodeDef n : fn.getNodeDefList()) {
            b.nodes.put(n.getName(), n);
        }
        for (NodeDef n : fn.getNodeDefList()) {
            if (!isCallNode(n)) {
                b.names.put(n.getName(), unique(n.getName(), prefix));
            }
        }
        for (NodeDef n : fn.getNodeDefList()) {
            if (isCallNode(n)) {
                continue;
            }
            NodeDef.Builder copy =
                    n.toBuilder().setName(b.names.get(n.getName())).clearInput().clearDevice();
            for (String in : n.getInputList()) {
                if (in.startsWith("^")) {
                    for (String c : resolveControl(b, in.substring(1))) {
                        copy.addInput("^" + c);
                    }
                } else {
                    copy.addInput(resolveBody(b, in));
                }
            }
            emitted.put(copy.getName(), copy.build());
        }
        List<String> outs = new ArrayList<>();
        for (OpDef.ArgDef out : fn.getSignature().getOutputArgList()) {
            String ret = fn.getRetMap().get(out.getName());
            if (ret == null) {
                throw new ModelLoadException("Function '" + fn.getSignature().getName() + "' returns nothing for "
                        + "its output '" + out.getName() + "'");
            }
            outs.add(resolveBody(b, ret));
        }
        return outs;
    }

    private String unique(String name, String prefix) {
        String candidate = name;
        if (taken.contains(candidate)) {
            candidate = prefix + "/" + name;
        }
        String base = candidate;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        taken.add(candidate);
        return candidate;
    }

    /** A body reference: an argument name, {@code node:outArg:i}, or (tolerated) {@code node} / {@code node:i}. */
    private String resolveBody(Body b, String ref) {
        String[] parts = ref.split(":");
        if (parts.length == 1 && b.args.containsKey(ref)) {
            return b.args.get(ref);
        }
        NodeDef node = b.nodes.get(parts[0]);
        if (node == null) {
            throw new ModelLoadException("Function '" + b.fn.getSignature().getName() + "' refers to unknown node or "
                    + "argument '" + ref + "'");
        }
        String argName = parts.length == 3 ? parts[1] : null;
        int index = parts.length == 1 ? 0 : Integer.parseInt(parts[parts.length - 1]);
        if (isCallNode(node)) {
            return pick(callOutputs(b, node), node, argName, index);
        }
        return b.names.get(node.getName()) + ":" + OpDefs.flatIndex(node, argName, index);
    }

    private List<String> callOutputs(Body b, NodeDef node) {
        List<String> outs = b.calls.get(node.getName());
        if (outs == null) {
            List<String> args = new ArrayList<>();
            for (String in : node.getInputList()) {
                if (!in.startsWith("^")) {
                    args.add(resolveBody(b, in));
                }
            }
            outs = inlineCall(node, args, b.prefix + "/" + node.getName(), b.depth + 1);
            b.calls.put(node.getName(), outs);
        }
        return outs;
    }

    private List<String> resolveControl(Body b, String name) {
        NodeDef node = b.nodes.get(name);
        if (node == null) {
            return List.of(); // a control dependency on an argument: nothing to wait for here
        }
        if (!isCallNode(node)) {
            return List.of(b.names.get(name));
        }
        Set<String> ops = new java.util.LinkedHashSet<>();
        for (String out : callOutputs(b, node)) {
            ops.add(TensorRef.parse(out).node());
        }
        return new ArrayList<>(ops);
    }
}
