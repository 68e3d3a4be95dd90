package org.deepjunit.model.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What DeepJUnit reads of an ONNX {@code ModelProto} before ONNX Runtime sees it: the main graph's nodes (op type,
 * inputs, outputs, integer-list attributes), its inputs and outputs with their declared types, the names of its
 * constants, and which values are computed inside {@code If}/{@code Loop}/{@code Scan} sub-graphs. Field numbers
 * are onnx.proto's. {@code nonFiniteConstant} describes the first float weight holding NaN or infinity, or is null.
 */
record OnnxGraph(
        List<Node> nodes,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs,
        Set<String> constants,
        Map<String, String> subGraphValues,
        String nonFiniteConstant) {

    /** ONNX element types DeepJUnit feeds and reads (TensorProto.DataType). */
    static final int FLOAT = 1;

    static final int DOUBLE = 11;

    /**
     * One node of the main graph.
     *
     * @param ints integer-list attributes by name (a Transpose's {@code perm}, a Conv's {@code strides})
     */
    record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, long[]> ints) {

        String describe() {
            return opType + " node '" + (name.isEmpty() ? outputs.get(0) : name) + "'";
        }
    }

    /**
     * A graph input or output as declared.
     *
     * @param elemType the TensorProto.DataType, 0 when the declaration has none
     * @param dims one entry per dimension, -1 for a symbolic or unknown one; null when no shape is declared
     */
    record ValueInfo(String name, int elemType, long[] dims) {}

    static OnnxGraph parse(byte[] model) {
        ProtoReader graph = null;
        ProtoReader in = new ProtoReader(model);
        while (in.next()) {
            if (in.field() == 7) {
                graph = in.message();
            } else {
                in.skip();
            }
        }
        if (graph == null) {
            throw new MalformedProtoException("the model has no graph (not an ONNX model?)");
        }
        return parseGraph(graph);
    }

    private static OnnxGraph parseGraph(ProtoReader graph) {
        List<Node> nodes = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        Set<String> constants = new HashSet<>();
        Map<String, String> subGraphValues = new HashMap<>();
        String nonFinite = null;
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(node(graph.message(), subGraphValues));
                case 5 -> {
                    byte[] tensor = graph.bytes();
                    constants.add(tensorName(new ProtoReader(tensor)));
                    if (nonFinite == null) {
                        nonFinite = TensorProtos.firstNonFinite(tensor);
                    }
                }
                case 11 -> inputs.add(valueInfo(graph.message()));
                case 12 -> outputs.add(valueInfo(graph.message()));
                default -> graph.skip();
            }
        }
        for (Node node : nodes) {
            if (node.opType().equals("Constant")) {
                constants.addAll(node.outputs());
            }
        }
        // An initializer may also be listed as a graph input (IR < 4): it is a constant, not something to feed.
        List<ValueInfo> fed =
                inputs.stream().filter(v -> !constants.contains(v.name())).toList();
        return new OnnxGraph(nodes, fed, outputs, constants, subGraphValues, nonFinite);
    }

    private static Node node(ProtoReader in, Map<String, String> subGraphValues) {
        String name = "";
        String op = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, long[]> ints = new HashMap<>();
        List<ProtoReader> subGraphs = new ArrayList<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> inputs.add(in.string());
                case 2 -> outputs.add(in.string());
                case 3 -> name = in.string();
                case 4 -> op = in.string();
                case 5 -> attribute(in.message(), ints, subGraphs);
                default -> in.skip();
            }
        }
        Node node = new Node(name, op, List.copyOf(inputs), List.copyOf(outputs), ints);
        for (ProtoReader body : subGraphs) {
            collectSubGraphValues(body, node.describe(), subGraphValues);
        }
        return node;
    }

    private static void attribute(ProtoReader in, Map<String, long[]> ints, List<ProtoReader> subGraphs) {
        String name = "";
        List<Long> values = new ArrayList<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> name = in.string();
                case 3, 8 -> in.longs(values::add);
                case 6, 11 -> subGraphs.add(in.message());
                default -> in.skip();
            }
        }
        if (!values.isEmpty()) {
            ints.put(name, values.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static void collectSubGraphValues(ProtoReader graph, String owner, Map<String, String> into) {
        while (graph.next()) {
            if (graph.field() == 1) {
                Map<String, String> nested = new HashMap<>();
                Node inner = node(graph.message(), nested);
                inner.outputs().forEach(o -> into.putIfAbsent(o, owner));
                nested.keySet().forEach(o -> into.putIfAbsent(o, owner));
            } else {
                graph.skip();
            }
        }
    }

    private static String tensorName(ProtoReader tensor) {
        String name = "";
        while (tensor.next()) {
            if (tensor.field() == 8) {
                name = tensor.string();
            } else {
                tensor.skip();
            }
        }
        return name;
    }

    private static ValueInfo valueInfo(ProtoReader in) {
        String name = "";
        int elemType = 0;
        long[] dims = null;
        while (in.next()) {
            if (in.field() == 1) {
                name = in.string();
            } else if (in.field() == 2) {
                ProtoReader type = in.message();
                while (type.next()) {
                    if (type.field() == 1) {
                        ProtoReader tensorType = type.message();
                        while (tensorType.next()) {
                            if (tensorType.field() == 1) {
                                elemType = (int) tensorType.varint();
                            } else if (tensorType.field() == 2) {
                                dims = shape(tensorType.message());
                            } else {
                                tensorType.skip();
                            }
                        }
                    } else {
                        type.skip();
                    }
                }
            } else {
                in.skip();
            }
        }
        return new ValueInfo(name, elemType, dims);
    }

    private static long[] shape(ProtoReader in) {
        List<Long> dims = new ArrayList<>();
        while (in.next()) {
            if (in.field() == 1) {
                ProtoReader dim = in.message();
                long value = -1;
                while (dim.next()) {
                    if (dim.field() == 1) {
                        value = dim.varint();
                    } else {
                        dim.skip();
                    }
                }
                dims.add(value);
            } else {
                in.skip();
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** The node that computes {@code value}, or null for an input or constant. */
    Node producer(String value) {
        for (Node node : nodes) {
            if (node.outputs().contains(value)) {
                return node;
            }
        }
        return null;
    }

    /** The nodes that read {@code value}, in graph order. */
    List<Node> consumers(String value) {
        return nodes.stream().filter(n -> n.inputs().contains(value)).toList();
    }

    boolean isGraphOutput(String value) {
        return outputs.stream().anyMatch(o -> o.name().equals(value));
    }
}
