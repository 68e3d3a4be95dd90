package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.deepjunit.model.LayerKind;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * Cross-checks Keras metadata against the graph it describes, so that a corrupt or stale {@code keras_metadata.pb}
 * cannot silently drop a layer: the graph's own layer name scopes ({@code sequential/dense_1/...}) are the
 * ground truth for which layers exist; the metadata only names and classifies them. On disagreement the layers
 * come from the graph's scopes and a warning says why.
 */
final class KerasLayerScopes {

    private static final Logger LOG = Logger.getLogger(KerasLayerScopes.class.getName());

    private KerasLayerScopes() {}

    /**
     * Each layer scope on the input→output path with its last float, batch-first op, in forward order.
     *
     * @param modelScope the Keras model name, or null to take the most common first name segment
     */
    static Map<String, GraphOperation> scopes(Graph graph, Output<?> input, Output<?> output, String modelScope) {
        Set<GraphOperation> onPath = GraphLayers.pathOps(input, output);
        Map<String, Integer> order = GraphLayers.order(graph);
        String model = modelScope != null && inScope(onPath, modelScope) ? modelScope : commonScope(onPath);
        Map<String, GraphOperation> last = new HashMap<>();
        if (model == null) {
            return last;
        }
        for (GraphOperation op : onPath) {
            String scope = layerScope(op.name(), model);
            if (scope == null || !eligible(op)) {
                continue;
            }
            GraphOperation previous = last.get(scope);
            if (previous == null || order.get(op.name()) > order.get(previous.name())) {
                last.put(scope, op);
            }
        }
        List<Map.Entry<String, GraphOperation>> sorted = new ArrayList<>(last.entrySet());
        sorted.sort((a, b) -> Integer.compare(
                order.get(a.getValue().name()), order.get(b.getValue().name())));
        Map<String, GraphOperation> result = new LinkedHashMap<>();
        sorted.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /**
     * Why the metadata's layers differ from the graph's, or null when they agree: a metadata layer without a
     * name or class, a metadata layer with no ops, or a graph layer the metadata does not list.
     */
    static String disagreement(KerasMetadata keras, List<KerasGraph.NamedLayer> found, Set<String> graphScopes) {
        List<String> problems = new ArrayList<>();
        if (keras.unreadableLayers() > 0) {
            problems.add(keras.unreadableLayers() + " layer(s) without a readable name or class_name");
        }
        Set<String> foundNames = new HashSet<>();
        found.forEach(l -> foundNames.add(l.name()));
        List<String> noOps = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (KerasMetadata.KerasLayer l : keras.layers()) {
            listed.add(l.name());
            if (l.kind() != LayerKind.INPUT && !foundNames.contains(l.name())) {
                noOps.add(l.name());
            }
        }
        if (!noOps.isEmpty()) {
            problems.add("layer(s) " + noOps + " have no ops in the graph");
        }
        List<String> unlisted = new ArrayList<>();
        for (String s : graphScopes) {
            if (!listed.contains(s)) {
                unlisted.add(s);
            }
        }
        if (!unlisted.isEmpty()) {
            problems.add("graph layer(s) " + unlisted + " are missing from it");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The graph's layers, kinds from the metadata where it names the layer, else from op types. */
    static List<KerasGraph.NamedLayer> fromGraph(Map<String, GraphOperation> scopes, KerasMetadata keras) {
        Map<String, LayerKind> kinds = new HashMap<>();
        if (keras != null) {
            keras.layers().forEach(l -> {
                if (l.kind() != null) {
                    kinds.put(l.name(), l.kind());
                }
            });
        }
        Set<String> declared = new HashSet<>();
        scopes.values().forEach(op -> declared.add(op.name()));
        List<KerasGraph.NamedLayer> result = new ArrayList<>();
        scopes.forEach((name, op) -> {
            Output<?> o = op.output(0);
            Set<String> others = new HashSet<>(declared);
            others.remove(op.name());
            LayerKind kind = kinds.getOrDefault(name, GraphLayers.kindOf(o, others));
            result.add(new KerasGraph.NamedLayer(name, o, kind));
        });
        return result;
    }

    /** Logs the fallback once per load (java.util.logging, which prints to stderr by default) and returns it. */
    static String warn(String dir, String source, String why) {
        String message = "Keras metadata in " + source + " not used (" + why
                + "); layer names taken from the graph's name scopes instead";
        LOG.warning("SavedModel " + dir + ": " + message
                + ". The metadata file may be corrupt or from another model: re-export the model to fix it");
        return message;
    }

    static boolean eligible(GraphOperation op) {
        if (op.numOutputs() == 0 || "Placeholder".equals(op.type())) {
            return false;
        }
        Output<?> o = op.output(0);
        DataType t = o.dataType();
        return (t == DataType.DT_FLOAT || t == DataType.DT_DOUBLE)
                && !o.shape().isUnknown()
                && o.shape().numDimensions() >= 2;
    }

    /** The segment after {@code model} in an op name ({@code a/sequential/dense/Relu} → {@code dense}), or null. */
    private static String layerScope(String opName, String model) {
        String[] parts = opName.split("/");
        for (int i = 0; i + 2 < parts.length; i++) {
            if (parts[i].equals(model)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static boolean inScope(Set<GraphOperation> ops, String model) {
        return ops.stream().anyMatch(op -> layerScope(op.name(), model) != null);
    }

    /** The first name segment most eligible ops with a layer scope share ({@code sequential}), or null. */
    private static String commonScope(Set<GraphOperation> ops) {
        Map<String, Integer> counts = new HashMap<>();
        for (GraphOperation op : ops) {
            String[] parts = op.name().split("/");
            if (parts.length >= 3 && eligible(op)) {
                counts.merge(parts[0], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
