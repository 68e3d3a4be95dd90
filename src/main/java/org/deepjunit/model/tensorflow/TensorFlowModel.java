package org.deepjunit.model.tensorflow;

import static org.apiguardian.api.API.Status.STABLE;
import org.apiguardian.api.API;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.Activations;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Layer;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Objective;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;

/**
 * A TensorFlow model, loaded from a SavedModel directory or wrapped around an in-memory
 * {@link Graph}, seen through DeepJUnit's framework-neutral {@link Model} interface.
 *
 * <p>The model is one input and one output of a serving signature ({@code "serving_default"} with
 * tag {@code "serve"} unless chosen otherwise). Hidden layers are ops of the graph, named by op
 * name ({@code "conv1/Relu"}) or tensor name ({@code "conv1/Relu:0"}), optionally under a display
 * name. Their kind is inferred from op types: an activation or bias-add right after a Conv2D or
 * MatMul is that convolution or dense layer; a pooling op is pooling; a Reshape to rank 2 is a
 * flatten. When no layer is named, every layer-like op between input and output is found
 * (a MatMul → BiasAdd → Relu chain in one name scope is one layer).
 *
 * <pre>{@code
 * try (TensorFlowModel lenet = TensorFlowModel.builder(Path.of("models/lenet"))
 *         .signature("serving_default").tags("serve")
 *         .layer("conv1/Relu")                  // named by op
 *         .layer("fc1", "dense/Relu:0")         // display name, tensor name
 *         .name("lenet")
 *         .build()) {
 *     Tensor probabilities = lenet.predict(images);                 // [n, 10]
 *     Tensor conv1 = lenet.activations(images, List.of("conv1/Relu")).layer("conv1/Relu");
 *     Tensor grad = lenet.inputGradient(images, Objective.builder().logit(3, 1.0).build());
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@code predict}, {@code activations} and {@code inputGradient} may be called
 * concurrently from several threads; they share one TensorFlow session, which runs them in
 * parallel. The first gradient for a given set of objective layers adds ops to the graph under a
 * lock; later calls reuse them. {@link #close()} waits for running calls to finish.
 *
 * <p>Inputs are checked against the signature (rank, per-sample dimensions) before they reach
 * TensorFlow, which would otherwise abort the JVM on a wrong-rank feed; inputs of the other
 * float type are converted. Logits are the input of a final Softmax op, or the output itself.
 *
 * <p>SavedModels written by TF2/Keras ({@code model.save}, {@code tf.saved_model.save}) keep every
 * layer inside function-library functions called through a {@code StatefulPartitionedCall} op. The
 * adapter inlines those calls into the loaded graph as plain ops (sharing the loaded variables), so
 * such a model exposes every layer, named as Keras named it ({@code dense_1}) with its kind, from the
 * Keras metadata when the SavedModel has it ({@code keras_metadata.pb} or the object graph), from op
 * name scopes otherwise; the output is bit-identical to the signature's. Op names of the function body
 * ({@code sequential/dense/Relu}) also work with {@link Builder#layer}. Whether the output is
 * probabilities is detected (a final Softmax op) or set with {@link Builder#outputIsProbabilities};
 * the input scale the model was trained on is not in the file: set it with
 * {@link Builder#inputScale}. Input gradients are refused, naming the op, when a While/If loop or
 * another op TF Java cannot differentiate lies between input and output; activations still work.
 */
@API(status = STABLE, since = "0.1")
public final class TensorFlowModel extends ObservedModel {

    private final String name;
    private final SavedModelBundle bundle;
    private final Session session;
    private final Graph graph;
    private final Output<?> input;
    private final Output<?> output;
    private final Output<?> logits;
    private final DataType dataType;
    private final Shape inputShape;
    private final Shape outputShape;
    private final List<Layer> layers;
    private final Map<String, Output<?>> layerOutputs;
    /** The function-call op the output comes through, or null when every op is in the top-level graph. */
    private final String functionCall;
    /** Why logits are out of reach (softmax hidden inside a function), or null when they are known. */
    private final String logitsHidden;
    /** Whether the output is probabilities (a softmax of the logits) rather than the logits themselves. */
    private final boolean probabilities;
    private final InputScale inputScale;
    /** For a TF2/Keras SavedModel: how its functions were inlined and where layer names came from; else null. */
    private final String preparation;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Map<Set<String>, ObjectiveGraph> objectives = new HashMap<>();
    private int objectiveCount;
    private final Map<List<String>, NeuronValueGraph> neuronValueGraphs = new HashMap<>();
    private boolean closed;

    private TensorFlowModel(String name, SavedModelBundle bundle, Session session, Graph graph, Output<?> input,
                            Output<?> output, DataType dataType, Shape inputShape, List<Layer> layers,
                            Map<String, Output<?>> layerOutputs, Boolean probabilitiesSetting, InputScale inputScale,
                            String preparation) {
        this.name = name;
        this.bundle = bundle;
        this.session = session;
        this.graph = graph;
        this.input = input;
        this.output = output;
        Output<?> softmaxInput = logitsOf(output);
        this.probabilities = probabilitiesSetting != null ? probabilitiesSetting : softmaxInput != output;
        this.logits = !probabilities ? output : softmaxInput != output ? softmaxInput : logOf(graph, output);
        this.inputScale = inputScale;
        this.preparation = preparation;
        this.dataType = dataType;
        this.inputShape = inputShape;
        this.outputShape = perSample(output, "output");
        this.layers = List.copyOf(layers);
        this.layerOutputs = Map.copyOf(layerOutputs);
        GraphOperation call = GraphLayers.functionCall(input, output);
        this.functionCall = call == null ? null : call.name();
        this.logitsHidden = call == null ? null : logitsHiddenReason(graph, output, call);
    }

    private static String logitsHiddenReason(Graph graph, Output<?> output, GraphOperation call) {
        String producer = FunctionOutputs.producerType(graph.toGraphDef(), output.op().name(), output.index());
        if (producer == null) {
            return "its output comes out of the TensorFlow function call '" + call.name() + "' whose last op "
                    + "could not be identified";
        }
        if ("Softmax".equals(producer)) {
            return "its output is the softmax computed inside the TensorFlow function call '" + call.name() + "'";
        }
        return null;
    }

    /** Loads the SavedModel in {@code dir} with tag "serve" and signature "serving_default", finding layers itself. */
    public static TensorFlowModel load(Path dir) {
        return builder(dir).build();
    }

    /** Starts configuring a model loaded from a SavedModel directory. */
    public static Builder builder(Path savedModelDir) {
        return new Builder(Objects.requireNonNull(savedModelDir, "savedModelDir"), null);
    }

    /**
     * Starts configuring a model over an in-memory graph, which the caller keeps owning (closing the
     * model closes only the session it opened). Name the input and output ops with
     * {@link Builder#input} and {@link Builder#output}.
     */
    public static Builder builder(Graph graph) {
        return new Builder(null, Objects.requireNonNull(graph, "graph"));
    }

    /** Configures a {@link TensorFlowModel}. */
    public static final class Builder {

        private final Path dir;
        private final Graph graph;
        private String signature = Signature.DEFAULT_KEY;
        private String[] tags = {SavedModelBundle.DEFAULT_TAG};
        private String inputKey;
        private String outputKey;
        private String name;
        private final Map<String, String> layers = new LinkedHashMap<>();
        private InputScale inputScale = InputScale.none();
        private Boolean probabilities;

        private Builder(Path dir, Graph graph) {
            this.dir = dir;
            this.graph = graph;
        }

        /** The signature key of a SavedModel; default "serving_default". */
        public Builder signature(String key) {
            this.signature = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The meta-graph tags of a SavedModel; default "serve". */
        public Builder tags(String... tags) {
            if (tags.length == 0) {
                throw new IllegalArgumentException("At least one tag is needed, such as \"serve\"");
            }
            this.tags = tags.clone();
            return this;
        }

        /** For a SavedModel: the signature input key to use when it has several; for a graph: the input op or tensor name. */
        public Builder input(String key) {
            this.inputKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** For a SavedModel: the signature output key to use when it has several; for a graph: the output op or tensor name. */
        public Builder output(String key) {
            this.outputKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** A hidden layer by op name ({@code "conv1/Relu"}) or tensor name ({@code "conv1/Relu:0"}), shown under that name. */
        public Builder layer(String opOrTensor) {
            return layer(opOrTensor, opOrTensor);
        }

        /** A hidden layer by op or tensor name, shown as {@code displayName}. */
        public Builder layer(String displayName, String opOrTensor) {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(opOrTensor, "opOrTensor");
            if (layers.put(displayName, opOrTensor) != null) {
                throw new IllegalArgumentException("Layer name '" + displayName + "' given twice");
            }
            return this;
        }

        /**
         * How test tensors are scaled before they are fed, since a SavedModel does not record the input
         * scale it was trained on; default {@link InputScale#none()}. See {@link InputScale}.
         */
        public Builder inputScale(InputScale scale) {
            this.inputScale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /**
         * Whether the output is probabilities (softmax of the logits) or the logits themselves. By default
         * it is detected: probabilities when the output is computed by a Softmax op (through Identity
         * ops, after inlining TF2/Keras functions). When set to true for an output whose softmax is not a
         * visible op, logit terms of objectives use {@code log(output)}, which equals the logits up to a
         * per-sample constant.
         */
        public Builder outputIsProbabilities(boolean probabilities) {
            this.probabilities = probabilities;
            return this;
        }

        /** The model's name in reports and messages; default the directory name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Loads the model; throws {@link ModelLoadException} saying what is missing or wrong. */
        public TensorFlowModel build() {
            return dir != null ? buildSavedModel() : buildGraph();
        }

        private TensorFlowModel buildGraph() {
            if (inputKey == null || outputKey == null) {
                throw new ModelLoadException("A model over an in-memory graph needs its input and output op names: "
                        + "TensorFlowModel.builder(graph).input(\"x\").output(\"y\")");
            }
            String modelName = name != null ? name : "graph";
            Output<?> in = resolve(graph, inputKey, "input", modelName);
            Output<?> out = resolve(graph, outputKey, "output", modelName);
            Session session = new Session(graph);
            try {
                return assemble(modelName, null, session, graph, in, out, null, null);
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
            String modelName = name != null ? name : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
            SavedModelBundle bundle;
            try {
                bundle = SavedModelBundle.loader(dir.toString()).withTags(tags).load();
            } catch (RuntimeException e) {
                throw new ModelLoadException("Cannot load " + where + " with tags " + List.of(tags) + ": "
                        + e.getMessage() + availableTags(pb), e);
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
                    throw new ModelLoadException(where + " has no signature '" + signature
                            + "'; available signatures: " + keys + "; choose one with .signature(key)");
                }
                Signature.TensorDescription in = pick(sig.getInputs(), inputKey, "input", sig.key(), where);
                Signature.TensorDescription out = pick(sig.getOutputs(), outputKey, "output", sig.key(), where);
                Graph g = bundle.graph();
                Output<?> inOut = resolve(g, in.name, "input", modelName);
                Output<?> outOut = resolve(g, out.name, "output", modelName);
                checkFloat(inOut, "input", sig, in, where);
                KerasGraph.Prepared prepared = KerasGraph.prepare(dir, bundle.metaGraphDef(), g, inOut, outOut);
                String how = null;
                if (prepared != null) {
                    outOut = prepared.output();
                    how = prepared.calls() + " function call(s) inlined, layer names from "
                            + (prepared.metadata() != null ? "Keras metadata in " + prepared.metadata().source()
                            : "op name scopes");
                }
                checkOtherInputs(sig, in, outOut, g, where);
                return assemble(modelName, bundle, bundle.session(), g, inOut, outOut,
                        prepared == null ? null : prepared.layers(), how);
            } catch (RuntimeException e) {
                bundle.close();
                throw e instanceof ModelException ? e : new ModelLoadException("Cannot use " + where + ": "
                        + e.getMessage(), e);
            }
        }

        private static Signature.TensorDescription pick(Map<String, Signature.TensorDescription> byKey, String key,
                                                        String what, String sigKey, String where) {
            if (key != null) {
                Signature.TensorDescription d = byKey.get(key);
                if (d == null) {
                    throw new ModelLoadException("Signature '" + sigKey + "' of " + where + " has no " + what + " '"
                            + key + "'; its " + what + "s are " + new TreeSet<>(byKey.keySet()));
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
        private static void checkFloat(Output<?> o, String what, Signature sig, Signature.TensorDescription d,
                                       String where) {
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
        private static void checkOtherInputs(Signature sig, Signature.TensorDescription chosen, Output<?> out, Graph g,
                                             String where) {
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

        private TensorFlowModel assemble(String modelName, SavedModelBundle bundle, Session session, Graph g,
                                         Output<?> in, Output<?> out, List<KerasGraph.NamedLayer> automatic,
                                         String preparation) {
            DataType type = dataTypeOf(in, "input", modelName);
            DataType outType = dataTypeOf(out, "output", modelName);
            if (type != outType) {
                throw new ModelLoadException("Model '" + modelName + "' takes " + type + " but outputs " + outType
                        + "; DeepJUnit expects one float type throughout");
            }
            Shape inShape = perSample(in, "input of model '" + modelName + "'");
            List<Layer> found = new ArrayList<>();
            Map<String, Output<?>> outputs = new HashMap<>();
            Map<String, Integer> order = GraphLayers.order(g);
            if (layers.isEmpty() && automatic != null) {
                for (KerasGraph.NamedLayer l : automatic) {
                    found.add(new Layer(l.name(), l.kind(), perSample(l.output(), "layer '" + l.name() + "'")));
                    outputs.put(l.name(), l.output());
                }
            } else if (layers.isEmpty()) {
                List<GraphOperation> ops = GraphLayers.discover(g, in, out);
                Set<String> declared = new HashSet<>();
                ops.forEach(op -> declared.add(op.name()));
                for (GraphOperation op : ops) {
                    Output<?> o = op.output(0);
                    found.add(new Layer(op.name(), GraphLayers.kindOf(o, declared), perSample(o, "layer " + op.name())));
                    outputs.put(op.name(), o);
                }
            } else {
                Map<String, Output<?>> byDisplay = new LinkedHashMap<>();
                Set<String> declared = new HashSet<>();
                for (Map.Entry<String, String> e : layers.entrySet()) {
                    Output<?> o = resolve(g, e.getValue(), "layer", modelName);
                    byDisplay.put(e.getKey(), o);
                    declared.add(o.op().name());
                }
                List<Map.Entry<String, Output<?>>> sorted = new ArrayList<>(byDisplay.entrySet());
                sorted.sort((a, b) -> Integer.compare(order.get(a.getValue().op().name()),
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
                    found.add(new Layer(e.getKey(), GraphLayers.kindOf(o, others),
                            perSample(o, "layer '" + e.getKey() + "'")));
                    outputs.put(e.getKey(), o);
                }
            }
            if (inputScale.channels() > 1 && inShape.rank() > 0 && inShape.last() != inputScale.channels()) {
                throw new ModelLoadException("Model '" + modelName + "' takes inputs " + inShape + " but its input "
                        + "scale " + inputScale + " has " + inputScale.channels() + " channels; per-channel scales "
                        + "apply to the last input dimension");
            }
            return new TensorFlowModel(modelName, bundle, session, g, in, out, type, inShape, found, outputs,
                    probabilities, inputScale, preparation);
        }
    }

    /** The output of an op, given as "op" or "op:index". */
    static Output<?> resolve(Graph g, String opOrTensor, String what, String modelName) {
        String opName = opOrTensor;
        int index = 0;
        int colon = opOrTensor.lastIndexOf(':');
        if (colon > 0 && colon < opOrTensor.length() - 1
                && opOrTensor.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            opName = opOrTensor.substring(0, colon);
            index = Integer.parseInt(opOrTensor.substring(colon + 1));
        }
        GraphOperation op = g.operation(opName);
        if (op == null) {
            throw new ModelLoadException("Model '" + modelName + "' has no op '" + opName + "' for its " + what
                    + "; expected an op name such as \"conv1/Relu\" or a tensor name such as \"conv1/Relu:0\""
                    + " from the graph (a SavedModel written by TF2 Keras keeps layers inside functions: "
                    + "see TensorFlowModel's documentation)");
        }
        if (index >= op.numOutputs()) {
            throw new ModelLoadException("Op '" + opName + "' (" + op.type() + ") of model '" + modelName + "' has "
                    + op.numOutputs() + " outputs; " + opOrTensor + " names output " + index);
        }
        return op.output(index);
    }

    private static DataType dataTypeOf(Output<?> o, String what, String modelName) {
        switch (o.dataType()) {
            case DT_FLOAT:
                return DataType.FLOAT32;
            case DT_DOUBLE:
                return DataType.FLOAT64;
            default:
                throw new ModelLoadException("The " + what + " " + o.name() + " of model '" + modelName + "' has type "
                        + o.dataType() + "; DeepJUnit supports float32 (DT_FLOAT) and float64 (DT_DOUBLE) models");
        }
    }

    /** The per-sample shape of a batch-first output, from graph shape inference. */
    private static Shape perSample(Output<?> o, String what) {
        org.tensorflow.ndarray.Shape s = o.shape();
        if (s.isUnknown()) {
            throw new ModelLoadException("The shape of " + what + " (" + o.op().name() + ") is unknown, even its rank;"
                    + " DeepJUnit needs at least the rank to check inputs");
        }
        if (s.numDimensions() < 1) {
            throw new ModelLoadException("The " + what + " (" + o.op().name() + ") is a scalar; DeepJUnit expects "
                    + "batch-first tensors [batch, ...]");
        }
        long[] dims = s.asArray();
        long[] sample = new long[dims.length - 1];
        System.arraycopy(dims, 1, sample, 0, sample.length);
        return Shape.ofLongs(sample);
    }

    /** The input of a final Softmax (through Identity ops), or the output itself. */
    private static Output<?> logitsOf(Output<?> out) {
        GraphOperation op = (GraphOperation) out.op();
        for (int guard = 0; guard < 8; guard++) {
            if ("Softmax".equals(op.type())) {
                return op.input(0);
            }
            if (!"Identity".equals(op.type()) || op.numInputs() < 1) {
                break;
            }
            op = (GraphOperation) op.input(0).op();
        }
        return out;
    }

    /** {@code log(output)}: logits up to a per-sample constant, when the softmax is not a visible op. */
    private static Output<?> logOf(Graph graph, Output<?> output) {
        synchronized (graph) {
            return org.tensorflow.op.Ops.create(graph).withSubScope("deepjunit_logits")
                    .math.log((org.tensorflow.Operand<org.tensorflow.types.family.TNumber>) (Output) output).asOutput();
        }
    }

    /** Whether the output is probabilities (softmax of the logits), as detected or set with the builder. */
    public boolean outputIsProbabilities() {
        return probabilities;
    }

    /** How test tensors are scaled before they are fed. */
    public InputScale inputScale() {
        return inputScale;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        return run(inputs, List.of()).output();
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        Set<String> wanted = new HashSet<>(layerNames);
        List<String> inOrder = new ArrayList<>();
        for (Layer l : layers) {
            if (wanted.contains(l.name())) {
                inOrder.add(l.name());
            }
        }
        return run(inputs, inOrder);
    }

    private Activations run(Tensor inputs, List<String> layerNames) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType)) {
                List<Output<?>> fetches = new ArrayList<>(List.of(output));
                int[] slot = addFetches(fetches, layerNames.stream().<Output<?>>map(layerOutputs::get).toList());
                Session.Runner runner = session.runner().feed(input, x);
                fetches.forEach(runner::fetch);
                try (Result result = runTf(runner, "inference")) {
                    Tensor out = TfTensors.fromTf(result.get(0), "The output of model '" + name + "'");
                    Map<String, Tensor> byLayer = new LinkedHashMap<>();
                    for (int i = 0; i < layerNames.size(); i++) {
                        byLayer.put(layerNames.get(i), slot[i] == 0 ? out
                                : TfTensors.fromTf(result.get(slot[i]), "Layer '" + layerNames.get(i) + "'"));
                    }
                    return new Activations(byLayer, out);
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        if (logitsHidden != null && objective.hasLogitTerms()) {
            throw new ModelException("Model '" + name + "' cannot take logit terms: " + logitsHidden
                    + ", so the pre-softmax values are out of reach (as in SavedModels written by TF2/Keras, "
                    + "whose layers live inside functions). Use neuron terms on top-level layers, or export "
                    + "a graph whose layers are top-level ops (see TensorFlowModel's documentation)");
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            ObjectiveGraph og = objectiveGraph(objective.layers());
            int batch = inputs.batchSize();
            List<org.tensorflow.Tensor> feeds = new ArrayList<>();
            try {
                org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType);
                feeds.add(x);
                Session.Runner runner = session.runner().feed(input, x);
                for (int i = 0; i < og.weights().size(); i++) {
                    String layer = og.layers().get(i);
                    int units = layer == null ? outputShape.last() : layer(layer).neuronCount();
                    if (units < 1) {
                        throw new ModelException("The last dimension of " + (layer == null ? "the output" : "layer '"
                                + layer + "'") + " of model '" + name + "' is unknown; objectives need a known number "
                                + "of units");
                    }
                    double[] w = new double[batch * units];
                    for (Objective.Term t : objective.terms()) {
                        if (!Objects.equals(t.layer(), layer)) {
                            continue;
                        }
                        for (int s = 0; s < batch; s++) {
                            if (t.appliesTo(s)) {
                                w[s * units + t.unit()] += t.weight();
                            }
                        }
                    }
                    org.tensorflow.Tensor wt = TfTensors.toTf(w, dataType, batch, units);
                    feeds.add(wt);
                    runner.feed(og.weights().get(i), wt);
                }
                runner.fetch(og.gradient());
                try (Result result = runTf(runner, "the input gradient")) {
                    Tensor grad = TfTensors.fromTf(result.get(0), "The input gradient of model '" + name + "'");
                    return inputScale.chainGradient(grad);
                }
            } finally {
                feeds.forEach(org.tensorflow.Tensor::close);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Neuron values computed inside TensorFlow: channel means and per-input min/max ops added to the graph once per
     * set of layers ({@link NeuronValueGraph}) and fetched in the same session run as the output, so only
     * {@code batch × neurons} numbers are copied out. Equal to {@code NeuronValues.of(activations(...))} up to
     * float rounding of the means.
     */
    @Override
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        Set<String> wanted = new HashSet<>(layerNames);
        List<String> inOrder = new ArrayList<>();
        for (Layer l : layers) {
            if (wanted.contains(l.name())) {
                if (layerOutputs.get(l.name()).shape().numDimensions() < 2) {
                    return super.computeNeuronValues(inputs, layerNames);
                }
                inOrder.add(l.name());
            }
        }
        NeuronValueGraph g = neuronValueGraph(inOrder);
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            try (org.tensorflow.Tensor x = TfTensors.toTf(inputScale.apply(inputs), dataType)) {
                List<Output<?>> fetches = new ArrayList<>(List.of(output, g.extremes()));
                int[] slot = addFetches(fetches, g.means());
                Session.Runner runner = session.runner().feed(input, x);
                fetches.forEach(runner::fetch);
                try (Result result = runTf(runner, "neuron values")) {
                    Tensor out = TfTensors.fromTf(result.get(0), "The output of model '" + name + "'");
                    int batch = inputs.batchSize();
                    double[] extremes = TfTensors.fromTf(result.get(1), "Neuron values").toDoubleArray();
                    int columns = g.extremesWidth();
                    if (extremes.length != batch * columns) {
                        throw new ModelException("The layers of model '" + name + "' gave " + extremes.length
                                + " extreme values for a batch of " + batch + " and " + inOrder.size()
                                + " layers; layers must be batch-first [batch, ..., units]");
                    }
                    Map<String, NeuronValues.LayerValues> values = new LinkedHashMap<>();
                    Map<Integer, Object> read = new HashMap<>();
                    boolean sumsFinite = true;
                    for (int s = 0; s < batch; s++) {
                        for (int c = 2 * inOrder.size(); c < columns; c++) {
                            sumsFinite &= Double.isFinite(extremes[s * columns + c]);
                        }
                    }
                    for (int i = 0; i < inOrder.size(); i++) {
                        String layer = inOrder.get(i);
                        int units = g.units()[i];
                        Object source = read.computeIfAbsent(slot[i],
                                at -> TfTensors.values(result.get(at), "The neuron values of model '" + name + "'"));
                        int size = source instanceof float[] f ? f.length : ((double[]) source).length;
                        int width = size / batch;
                        if (size != batch * width || g.offsets()[i] + units > width) {
                            throw new ModelException("The layer '" + layer + "' of model '" + name + "' gave "
                                    + size + " neuron values for a batch of " + batch + " x " + units
                                    + "; layers must be batch-first [batch, ..., units]");
                        }
                        double[] mins = new double[batch];
                        double[] maxs = new double[batch];
                        boolean finite = sumsFinite;
                        for (int s = 0; s < batch; s++) {
                            int at = s * columns + 2 * i;
                            mins[s] = extremes[at];
                            maxs[s] = extremes[at + 1];
                            finite &= Double.isFinite(mins[s]) && Double.isFinite(maxs[s]);
                        }
                        NeuronValues.LayerValues lv = layerValues(layer, source, batch, units, width,
                                g.offsets()[i], mins, maxs);
                        if (!finite) {
                            ModelChecks.checkFinite(this, "layer '" + layer + "'",
                                    Tensor.wrap(lv.means(), org.deepjunit.model.Shape.of(batch, units)));
                            ModelChecks.checkFinite(this, "layer '" + layer + "'", Tensor.wrap(mins,
                                    org.deepjunit.model.Shape.of(batch)));
                            ModelChecks.checkFinite(this, "layer '" + layer + "'", Tensor.wrap(maxs,
                                    org.deepjunit.model.Shape.of(batch)));
                        }
                        values.put(layer, lv);
                    }
                    return new NeuronValues(out, values);
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Appends each of {@code wanted} to {@code fetches} unless it is there already (TF Java refuses to fetch one
     * tensor twice) and returns, per wanted output, its index in {@code fetches}.
     */
    private static int[] addFetches(List<Output<?>> fetches, List<Output<?>> wanted) {
        int[] slot = new int[wanted.size()];
        for (int i = 0; i < slot.length; i++) {
            int at = fetches.indexOf(wanted.get(i));
            if (at < 0) {
                at = fetches.size();
                fetches.add(wanted.get(i));
            }
            slot[i] = at;
        }
        return slot;
    }

    /** One layer's columns {@code [offset, offset + units)} of a fetched {@code [batch, width]} tensor. */
    private static NeuronValues.LayerValues layerValues(String layer, Object source, int batch, int units, int width,
                                                        int offset, double[] mins, double[] maxs) {
        if (source instanceof float[] all) {
            float[] means = all;
            if (width != units) {
                means = new float[batch * units];
                for (int s = 0; s < batch; s++) {
                    System.arraycopy(all, s * width + offset, means, s * units, units);
                }
            }
            return NeuronValues.LayerValues.ofFloats(layer, batch, units, means, mins, maxs);
        }
        double[] all = (double[]) source;
        double[] means = all;
        if (width != units) {
            means = new double[batch * units];
            for (int s = 0; s < batch; s++) {
                System.arraycopy(all, s * width + offset, means, s * units, units);
            }
        }
        return new NeuronValues.LayerValues(layer, batch, units, means, mins, maxs);
    }

    private synchronized NeuronValueGraph neuronValueGraph(List<String> layerNames) {
        return neuronValueGraphs.computeIfAbsent(List.copyOf(layerNames), names -> NeuronValueGraph.build(graph,
                "deepjunit_neuron_values_" + neuronValueGraphs.size(), names,
                names.stream().<Output<?>>map(layerOutputs::get).toList(),
                names.stream().mapToInt(n -> layer(n).neuronCount()).toArray()));
    }

    private synchronized ObjectiveGraph objectiveGraph(Set<String> layerNames) {
        Set<String> key = new TreeSet<>(layerNames);
        ObjectiveGraph og = objectives.get(key);
        if (og == null) {
            List<String> names = new ArrayList<>();
            List<Output<?>> outs = new ArrayList<>();
            names.add(null);
            outs.add(logits);
            for (String l : key) {
                names.add(l);
                outs.add(layerOutputs.get(l));
            }
            og = ObjectiveGraph.build(graph, "deepjunit_objective_" + (objectiveCount++), input, names, outs,
                    dataType, name);
            objectives.put(key, og);
        }
        return og;
    }

    private Result runTf(Session.Runner runner, String what) {
        try {
            return runner.run();
        } catch (RuntimeException e) {
            throw new ModelException("TensorFlow failed computing " + what + " of model '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ModelException("Model '" + name + "' is closed");
        }
    }

    /** Closes the session (and the SavedModel's graph; an in-memory graph stays the caller's). Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (bundle != null) {
                bundle.close();
            } else {
                session.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "TensorFlowModel[" + name + ", input " + inputShape + ", output " + outputShape + ", " + dataType
                + ", layers " + layers + (functionCall == null ? "" : ", through function call " + functionCall)
                + (preparation == null ? "" : ", TF2/Keras SavedModel: " + preparation)
                + (inputScale.isNone() ? "" : ", " + inputScale) + ", output is " + (probabilities ? "probabilities"
                : "logits") + "]";
    }

    /** For error messages: the tag sets a SavedModel offers, read from its saved_model.pb. */
    private static String availableTags(Path pb) {
        try {
            if (!Files.isRegularFile(pb)) {
                return "";
            }
            org.tensorflow.proto.SavedModel sm = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb));
            List<List<String>> sets = new ArrayList<>();
            sm.getMetaGraphsList().forEach(m -> sets.add(List.copyOf(m.getMetaInfoDef().getTagsList())));
            if (sets.isEmpty()) {
                return "; saved_model.pb holds no meta graph: is it a SavedModel?";
            }
            return "; the SavedModel offers tag sets " + sets + ": choose one with .tags(...)";
        } catch (IOException | RuntimeException e) {
            return "; saved_model.pb is not a readable SavedModel protocol buffer (" + e.getMessage()
                    + "): the file is corrupt or truncated, re-export it";
        }
    }
}
