package org.deepjunit.model.tensorflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Output;
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
    private final DataType dataType;
    private final Shape inputShape;
    private final Shape outputShape;
    private final List<Layer> layers;
    private final TfOutput outputKind;

    private final InputScale inputScale;
    /** For a TF2/Keras SavedModel: how its functions were inlined and where layer names came from; else null. */
    private final String preparation;

    private final TfSession runtime;
    private final ModelFiles files;

    TensorFlowModel(
            String name,
            SavedModelBundle bundle,
            Session session,
            Graph graph,
            Output<?> input,
            Output<?> output,
            DataType dataType,
            Shape inputShape,
            List<Layer> layers,
            Map<String, Output<?>> layerOutputs,
            Boolean probabilitiesSetting,
            InputScale inputScale,
            String preparation,
            ModelFiles files) {
        this.name = name;
        this.files = files;
        this.outputKind = TfOutput.of(graph, input, output, probabilitiesSetting);
        this.inputScale = inputScale;
        this.preparation = preparation;
        this.dataType = dataType;
        this.inputShape = inputShape;
        this.outputShape = TfGraphs.perSample(output, "output");
        this.layers = List.copyOf(layers);
        Map<String, Integer> units = new HashMap<>();
        layers.forEach(l -> units.put(l.name(), l.neuronCount()));
        this.runtime = new TfSession(
                this,
                bundle,
                session,
                graph,
                input,
                output,
                outputKind.logits(),
                dataType,
                inputScale,
                layerOutputs,
                units,
                outputShape.rank() == 0 ? 1 : outputShape.last());
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

        // Read by ModelLoader.
        final Path dir;
        final Graph graph;
        String signature = Signature.DEFAULT_KEY;
        String[] tags = {SavedModelBundle.DEFAULT_TAG};
        String inputKey;
        String outputKey;
        String name;
        final Map<String, String> layers = new LinkedHashMap<>();
        InputScale inputScale = InputScale.none();
        Boolean probabilities;
        String sha256;
        final Set<String> allowedOps = new HashSet<>();
        boolean trustAllOps;

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

        /**
         * Pins the SavedModel's SHA-256: that of the {@code sha256sum}-style listing of every file in the directory
         * ({@link ModelFiles#sha256()}, as {@link TensorFlowModel#files()} reports it). Loading fails, naming the
         * directory and both hashes, when any file changed; nothing is parsed from changed files.
         *
         * @param hex 64 hexadecimal digits
         */
        @API(status = EXPERIMENTAL, since = "0.2")
        public Builder sha256(String hex) {
            Objects.requireNonNull(hex, "hex");
            if (!hex.trim().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("A SHA-256 is 64 hexadecimal digits, not '" + hex + "'");
            }
            this.sha256 = hex.trim();
            return this;
        }

        /**
         * Allows op types that DeepJUnit otherwise refuses in a SavedModel because they touch files or other
         * processes ({@code "ReadFile"}, {@code "WriteFile"}...; the list is in the README's "Model files you did not
         * write"). Only for models you trust: TensorFlow runs a SavedModel's init ops while loading it.
         */
        @API(status = EXPERIMENTAL, since = "0.2")
        public Builder allowOps(String... opTypes) {
            for (String op : opTypes) {
                allowedOps.add(Objects.requireNonNull(op, "opTypes"));
            }
            return this;
        }

        /** Runs every op of the SavedModel without checking; only for models you wrote or fully trust. */
        @API(status = EXPERIMENTAL, since = "0.2")
        public Builder trustAllOps() {
            this.trustAllOps = true;
            return this;
        }

        /** The model's name in reports and messages; default the directory name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Loads the model; throws {@link ModelLoadException} saying what is missing or wrong. */
        public TensorFlowModel build() {
            try {
                return new ModelLoader(this).load();
            } catch (LinkageError e) {
                throw JavaCppMismatch.explain(e);
            }
        }
    }

    /** Whether the output is probabilities (softmax of the logits), as detected or set with the builder. */
    public boolean outputIsProbabilities() {
        return outputKind.probabilities();
    }

    /** The SavedModel's files with their SHA-256 (pin it with {@link Builder#sha256}); none for an in-memory graph. */
    @Override
    public ModelFiles files() {
        return files;
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
        return runtime.run(inputs, List.of()).output();
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        return runtime.run(inputs, inModelOrder(layerNames));
    }

    /** The named layers in the model's order, as the session fetches them. */
    private List<String> inModelOrder(Collection<String> layerNames) {
        Set<String> wanted = new HashSet<>(layerNames);
        return layers.stream().map(Layer::name).filter(wanted::contains).toList();
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        if (outputKind.logitsHidden() != null && objective.hasLogitTerms()) {
            throw new ModelException("Model '" + name + "' cannot take logit terms: " + outputKind.logitsHidden()
                    + ", so the pre-softmax values are out of reach (as in SavedModels written by TF2/Keras, "
                    + "whose layers live inside functions). Use neuron terms on top-level layers, or export "
                    + "a graph whose layers are top-level ops (see TensorFlowModel's documentation)");
        }
        return runtime.gradient(inputs, objective);
    }

    /**
     * Neuron values computed inside TensorFlow: channel means and per-input min/max ops added to the graph once per
     * set of layers and fetched in the same session run as the output, so only {@code batch × neurons} numbers are
     * copied out. Equal to {@code NeuronValues.of(activations(...))} up to float rounding of the means.
     */
    @Override
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        List<String> inOrder = inModelOrder(layerNames);
        if (inOrder.stream().anyMatch(l -> runtime.rank(l) < 2)) {
            return super.computeNeuronValues(inputs, layerNames);
        }
        return runtime.neuronValues(inputs, inOrder);
    }

    /** Closes the session (and the SavedModel's graph; an in-memory graph stays the caller's). Idempotent. */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "TensorFlowModel[" + name + ", input " + inputShape + ", output " + outputShape + ", " + dataType
                + ", layers " + layers
                + (outputKind.functionCall() == null ? "" : ", through function call " + outputKind.functionCall())
                + (preparation == null ? "" : ", TF2/Keras SavedModel: " + preparation)
                + (inputScale.isNone() ? "" : ", " + inputScale) + ", output is "
                + (outputKind.probabilities() ? "probabilities" : "logits") + "]";
    }
}
