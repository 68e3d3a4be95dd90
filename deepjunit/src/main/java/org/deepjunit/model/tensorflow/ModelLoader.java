package org.deepjunit.model.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;

/**
 * Loads what a {@link TensorFlowModel.Builder} describes: a SavedModel's signature (inlining TF2/Keras functions)
 * or an in-memory graph's input and output, then the model's layers — named, found in the Keras metadata, or
 * discovered between input and output. Every problem is a {@link ModelLoadException} saying what the file holds.
 */
final class ModelLoader {

    private final Path dir;
    private final Graph graph;
    private final String signature;
    private final String[] tags;
    private final String inputKey;
    private final String outputKey;
    private final String name;
    private final Map<String, String> layers;
    private final InputScale inputScale;
    private final Boolean probabilities;
    private final String sha256;
    /** Op types allowed although denied; null when every op is trusted. */
    private final Set<String> allowedOps;

    ModelLoader(TensorFlowModel.Builder b) {
        this.dir = b.dir;
        this.graph = b.graph;
        this.signature = b.signature;
        this.tags = b.tags.clone();
        this.inputKey = b.inputKey;
        this.outputKey = b.outputKey;
        this.name = b.name;
        this.layers = new LinkedHashMap<>(b.layers);
        this.inputScale = b.inputScale;
        this.probabilities = b.probabilities;
        this.sha256 = b.sha256;
        this.allowedOps = b.trustAllOps ? null : Set.copyOf(b.allowedOps);
    }

    TensorFlowModel load() {
        return dir != null ? buildSavedModel() : buildGraph();
    }

    private TensorFlowModel buildGraph() {
        if (inputKey == null || outputKey == null) {
            throw new ModelLoadException("A model over an in-memory graph needs its input and output op names: "
                    + "TensorFlowModel.builder(graph).input(\"x\").output(\"y\")");
        }
        String modelName = name != null ? name : "graph";
        Output<?> in = TfGraphs.resolve(graph, inputKey, "input", modelName);
        Output<?> out = TfGraphs.resolve(graph, outputKey, "output", modelName);
        Session session = new Session(graph);
        try {
            return assemble(modelName, null, session, graph, in, out, null, null, ModelFiles.none());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private TensorFlowModel buildSavedModel() {
        String where = "SavedModel directory " + dir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException(where + " does not exist or is not a directory; expected a directory "
                    + "holding saved_model.pb and variables/ (as tf.saved_model.save writes it)");
        }
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb) && !Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
            throw new ModelLoadException(where + " holds no saved_model.pb; expected a SavedModel directory "
                    + "(saved_model.pb and variables/), not a Keras .h5/.keras file or a checkpoint");
        }
        String modelName = name != null
                ? name
                : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        ModelFiles files = SavedModelPreflight.check(dir, List.of(tags), signature, sha256, allowedOps);
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(dir.toString()).withTags(tags).load();
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    "Cannot load " + where + " with tags " + List.of(tags) + ": " + e.getMessage()
                            + "; the directory may be corrupt: re-export the model",
                    e);
        }
        try {
            Signature sig = null;
            List<String> keys = new ArrayList<>();
            for (Signature s : bundle.signatures()) {
                keys.add(s.key());
                if (s.key().equals(signature)) {
                    sig = s;
                }
            }
            if (sig == null) {
                throw new ModelLoadException(where + " has no signature '" + signature + "'; available signatures: "
                        + keys + "; choose one with .signature(key)");
            }
            Signature.TensorDescription in = pick(sig.getInputs(), inputKey, "input", sig.key(), where);
            Signature.TensorDescription out = pick(sig.getOutputs(), outputKey, "output", sig.key(), where);
            Graph g = bundle.graph();
            Output<?> inOut = TfGraphs.resolve(g, in.name, "input", modelName);
            Output<?> outOut = TfGraphs.resolve(g, out.name, "output", modelName);
            checkFloat(inOut, "input", sig, in, where);
            KerasGraph.Prepared prepared = KerasGraph.prepare(dir, bundle.metaGraphDef(), g, inOut, outOut);
            String how = null;
            if (prepared != null) {
                outOut = prepared.output();
                how = prepared.calls() + " function call(s) inlined, layer names from "
                        + (prepared.metadata() != null
                                ? "Keras metadata in " + prepared.metadata().source()
                                : "op name scopes")
                        + (prepared.fallback() != null ? " (warning: " + prepared.fallback() + ")" : "");
            }
            checkOtherInputs(sig, in, outOut, g, where);
            return assemble(
                    modelName,
                    bundle,
                    bundle.session(),
                    g,
                    inOut,
                    outOut,
                    prepared == null ? null : prepared.layers(),
                    how,
                    files);
        } catch (RuntimeException e) {
            bundle.close();
            // every refusal names the directory, also those of checks that only see the graph
            throw e instanceof ModelException
                            && String.valueOf(e.getMessage())
                                    .contains(dir.toAbsolutePath().toString())
                    ? e
                    : new ModelLoadException("Cannot use " + where + ": " + e.getMessage(), e);
        }
    }

    private static Signature.TensorDescription pick(
            Map<String, Signature.TensorDescription> byKey, String key, String what, String sigKey, String where) {
        if (key != null) {
            Signature.TensorDescription d = byKey.get(key);
            if (d == null) {
                throw new ModelLoadException("Signature '" + sigKey + "' of " + where + " has no " + what + " '" + key
                        + "'; its " + what + "s are " + new TreeSet<>(byKey.keySet()));
            }
            return d;
        }
        if (byKey.size() != 1) {
            throw new ModelLoadException("Signature '" + sigKey + "' of " + where + " has " + byKey.size() + " "
                    + what + "s " + new TreeSet<>(byKey.keySet()) + "; DeepJUnit needs exactly one: pick one with ."
                    + what + "(key)");
        }
        return byKey.values().iterator().next();
    }

    /** Refuses a non-float signature input before anything is fed, naming the input and what is supported. */
    private static void checkFloat(
            Output<?> o, String what, Signature sig, Signature.TensorDescription d, String where) {
        if (o.dataType() != org.tensorflow.proto.DataType.DT_FLOAT
                && o.dataType() != org.tensorflow.proto.DataType.DT_DOUBLE) {
            throw new ModelLoadException("The " + what + " '" + keyOf(sig.getInputs(), d) + "' (" + d.name
                    + ") of signature '" + sig.key() + "' of " + where + " has type " + o.dataType()
                    + "; DeepJUnit supports float32 (DT_FLOAT) and float64 (DT_DOUBLE) inputs: export a signature "
                    + "taking floats (cast inside the model, e.g. tf.cast(x, tf.uint8))");
        }
    }

    private static String keyOf(Map<String, Signature.TensorDescription> byKey, Signature.TensorDescription d) {
        for (Map.Entry<String, Signature.TensorDescription> e : byKey.entrySet()) {
            if (e.getValue() == d) {
                return e.getKey();
            }
        }
        return d.name;
    }

    /** Refuses an output that also needs signature inputs other than the chosen one (they would not be fed). */
    private static void checkOtherInputs(
            Signature sig, Signature.TensorDescription chosen, Output<?> out, Graph g, String where) {
        List<String> needed = new ArrayList<>();
        for (Map.Entry<String, Signature.TensorDescription> e : new java.util.TreeMap<>(sig.getInputs()).entrySet()) {
            if (e.getValue() == chosen) {
                continue;
            }
            GraphOperation op = g.operation(e.getValue().name.split(":")[0]);
            if (op != null && GraphLayers.pathOps(op.output(0), out).contains((GraphOperation) out.op())) {
                needed.add(e.getKey());
            }
        }
        if (!needed.isEmpty()) {
            throw new ModelLoadException("The output of signature '" + sig.key() + "' of " + where
                    + " also depends on its input(s) " + needed + "; DeepJUnit models take one input: export a "
                    + "signature with a single input, or pick an output that depends on input '"
                    + keyOf(sig.getInputs(), chosen) + "' alone with .output(key)");
        }
    }

    private TensorFlowModel assemble(
            String modelName,
            SavedModelBundle bundle,
            Session session,
            Graph g,
            Output<?> in,
            Output<?> out,
            List<KerasGraph.NamedLayer> automatic,
            String preparation,
            ModelFiles files) {
        DataType type = TfGraphs.dataTypeOf(in, "input", modelName);
        DataType outType = TfGraphs.dataTypeOf(out, "output", modelName);
        if (type != outType) {
            throw new ModelLoadException("Model '" + modelName + "' takes " + type + " but outputs " + outType
                    + "; DeepJUnit expects one float type throughout");
        }
        Shape inShape = TfGraphs.perSample(in, "input of model '" + modelName + "'");
        List<Layer> found = new ArrayList<>();
        Map<String, Output<?>> outputs = new HashMap<>();
        Map<String, Integer> order = GraphLayers.order(g);
        if (layers.isEmpty() && automatic != null) {
            for (KerasGraph.NamedLayer l : automatic) {
                found.add(new Layer(l.name(), l.kind(), TfGraphs.perSample(l.output(), "layer '" + l.name() + "'")));
                outputs.put(l.name(), l.output());
            }
        } else if (layers.isEmpty()) {
            List<GraphOperation> ops = GraphLayers.discover(g, in, out);
            Set<String> declared = new HashSet<>();
            ops.forEach(op -> declared.add(op.name()));
            for (GraphOperation op : ops) {
                Output<?> o = op.output(0);
                found.add(new Layer(
                        op.name(), GraphLayers.kindOf(o, declared), TfGraphs.perSample(o, "layer " + op.name())));
                outputs.put(op.name(), o);
            }
        } else {
            Map<String, Output<?>> byDisplay = new LinkedHashMap<>();
            Set<String> declared = new HashSet<>();
            for (Map.Entry<String, String> e : layers.entrySet()) {
                Output<?> o = TfGraphs.resolve(g, e.getValue(), "layer", modelName);
                byDisplay.put(e.getKey(), o);
                declared.add(o.op().name());
            }
            List<Map.Entry<String, Output<?>>> sorted = new ArrayList<>(byDisplay.entrySet());
            sorted.sort((a, b) -> Integer.compare(
                    order.get(a.getValue().op().name()),
                    order.get(b.getValue().op().name())));
            for (Map.Entry<String, Output<?>> e : sorted) {
                Output<?> o = e.getValue();
                if (o.dataType() != in.dataType()) {
                    throw new ModelLoadException("Layer '" + e.getKey() + "' of model '" + modelName + "' has type "
                            + o.dataType() + " but the model computes in " + in.dataType());
                }
                if (!GraphLayers.pathOps(in, o).contains((GraphOperation) o.op())) {
                    throw new ModelLoadException("Layer '" + e.getKey() + "' (" + o.op().name() + ", "
                            + o.op().type() + ") of model '" + modelName + "' does not depend on the input "
                            + in.op().name() + "; name an op between the input and the output");
                }
                Set<String> others = new HashSet<>(declared);
                others.remove(o.op().name());
                found.add(new Layer(
                        e.getKey(),
                        GraphLayers.kindOf(o, others),
                        TfGraphs.perSample(o, "layer '" + e.getKey() + "'")));
                outputs.put(e.getKey(), o);
            }
        }
        if (inputScale.channels() > 1 && inShape.rank() > 0 && inShape.last() != inputScale.channels()) {
            throw new ModelLoadException("Model '" + modelName + "' takes inputs " + inShape + " but its input "
                    + "scale " + inputScale + " has " + inputScale.channels() + " channels; per-channel scales "
                    + "apply to the last input dimension");
        }
        return new TensorFlowModel(
                modelName,
                bundle,
                session,
                g,
                in,
                out,
                type,
                inShape,
                found,
                outputs,
                probabilities,
                inputScale,
                preparation,
                files);
    }
}
