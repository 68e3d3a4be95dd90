package org.deepjunit.model.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.LayerKind;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Prepares a TF2/Keras SavedModel, whose layers live inside function-library functions, for
 * DeepJUnit: inlines the functions the signature output comes through ({@link FunctionInliner}),
 * then names the layers as Keras named them — from the Keras metadata when the SavedModel has it
 * ({@link KerasMetadata}), otherwise from the op name scopes ({@code sequential/dense/Relu} → {@code dense}).
 */
final class KerasGraph {

    private KerasGraph() {}

    /** One layer found: its display name, the tensor it outputs, and its kind. */
    record NamedLayer(String name, Output<?> output, LayerKind kind) {}

    /**
     * The result of preparing a function-wrapped model.
     *
     * @param output   the signature output, now computed by top-level ops
     * @param layers   the layers in forward order
     * @param metadata the Keras metadata used, or null
     * @param calls    how many function calls were inlined
     * @param fallback why the metadata was not used although present (it disagrees with the graph), or null
     */
    record Prepared(Output<?> output, List<NamedLayer> layers, KerasMetadata metadata, int calls, String fallback) {}

    /**
     * Inlines the functions between {@code input} and {@code output} and finds the layers; returns
     * null when no function call is on the way (a flat graph, handled as before).
     */
    static Prepared prepare(Path dir, MetaGraphDef meta, Graph graph, Output<?> input, Output<?> output) {
        if (GraphLayers.functionCall(input, output) == null) {
            return null;
        }
        FunctionInliner.Result inlined = FunctionInliner.inline(graph, output);
        Output<?> out = inlined.output();
        KerasMetadata keras = KerasMetadata.read(dir, meta);
        if (keras == null) {
            Path pb = dir == null ? null : dir.resolve("keras_metadata.pb");
            Map<String, GraphOperation> scopes = KerasLayerScopes.scopes(graph, input, out, null);
            if (pb == null || !Files.isRegularFile(pb) || scopes.isEmpty()) {
                return new Prepared(out, fromScopes(graph, input, out), null, inlined.callsInlined(), null);
            }
            // A metadata file Keras wrote but nobody can read: keep every layer scope of the graph, and say so.
            String fallback = KerasLayerScopes.warn(
                    String.valueOf(dir), "keras_metadata.pb", "it is unreadable: corrupt, truncated or not Keras's");
            return new Prepared(out, KerasLayerScopes.fromGraph(scopes, null), null, inlined.callsInlined(), fallback);
        }
        List<NamedLayer> layers = fromMetadata(graph, input, out, keras);
        Map<String, GraphOperation> scopes = KerasLayerScopes.scopes(graph, input, out, keras.modelName());
        String why = KerasLayerScopes.disagreement(keras, layers, scopes.keySet());
        if (why == null) {
            return new Prepared(out, layers, keras, inlined.callsInlined(), null);
        }
        // Never lose a layer to a corrupt metadata file: the graph's scopes say which layers exist.
        List<NamedLayer> fromGraph = KerasLayerScopes.fromGraph(scopes, keras);
        String fallback =
                KerasLayerScopes.warn(String.valueOf(dir), keras.source(), "it disagrees with the graph: " + why);
        return new Prepared(
                out,
                fromGraph.isEmpty() ? fromScopes(graph, input, out) : fromGraph,
                null,
                inlined.callsInlined(),
                fallback);
    }

    /** Each Keras layer's last op on the input→output path inside its name scope. */
    private static List<NamedLayer> fromMetadata(Graph graph, Output<?> input, Output<?> output, KerasMetadata keras) {
        Set<GraphOperation> onPath = GraphLayers.pathOps(input, output);
        Map<String, Integer> order = GraphLayers.order(graph);
        List<NamedLayer> result = new ArrayList<>();
        for (KerasMetadata.KerasLayer layer : keras.layers()) {
            if (layer.kind() == LayerKind.INPUT) {
                continue;
            }
            String scope = keras.modelName() + "/" + layer.name() + "/";
            GraphOperation last = null;
            for (GraphOperation op : onPath) {
                String n = op.name();
                boolean inScope = n.startsWith(scope) || n.contains("/" + scope);
                if (inScope
                        && op.numOutputs() > 0
                        && isFloat(op.output(0))
                        && batchFirst(op.output(0))
                        && (last == null || order.get(n) > order.get(last.name()))) {
                    last = op;
                }
            }
            if (last != null) {
                Output<?> o = last.output(0);
                LayerKind kind = layer.kind() != null ? layer.kind() : GraphLayers.kindOf(o, Set.of());
                result.add(new NamedLayer(layer.name(), o, kind));
            }
        }
        return result;
    }

    /**
     * Layers found from op types ({@link GraphLayers#discover}), named by their name scope without the
     * model scope shared by all: {@code sequential/dense/Relu} → {@code dense}; the op name when
     * that is ambiguous.
     */
    private static List<NamedLayer> fromScopes(Graph graph, Output<?> input, Output<?> output) {
        List<GraphOperation> ops = GraphLayers.discover(graph, input, output);
        Set<String> declared = new HashSet<>();
        ops.forEach(op -> declared.add(op.name()));
        String common = commonFirstSegment(ops);
        // Keras layer names are unique, so ops found in one scope are one layer: keep the last
        // (a MatMul → BiasAdd → Softmax whose BiasAdd is also a signature output is found twice).
        Map<String, NamedLayer> result = new LinkedHashMap<>();
        for (GraphOperation op : ops) {
            String n = scopeName(op.name(), common);
            Output<?> o = op.output(0);
            result.remove(n);
            result.put(n, new NamedLayer(n, o, GraphLayers.kindOf(o, declared)));
        }
        return List.copyOf(result.values());
    }

    private static String commonFirstSegment(List<GraphOperation> ops) {
        String common = null;
        for (GraphOperation op : ops) {
            String[] parts = op.name().split("/");
            if (parts.length < 3) {
                return null;
            }
            if (common == null) {
                common = parts[0];
            } else if (!common.equals(parts[0])) {
                return null;
            }
        }
        return common;
    }

    private static String scopeName(String opName, String common) {
        String rest =
                common != null && opName.startsWith(common + "/") ? opName.substring(common.length() + 1) : opName;
        int slash = rest.indexOf('/');
        return slash > 0 ? rest.substring(0, slash) : rest;
    }

    private static boolean isFloat(Output<?> o) {
        DataType t = o.dataType();
        return t == DataType.DT_FLOAT || t == DataType.DT_DOUBLE;
    }

    private static boolean batchFirst(Output<?> o) {
        return !o.shape().isUnknown() && o.shape().numDimensions() >= 2;
    }
}
