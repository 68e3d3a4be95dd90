package org.deepjunit.model.dl4j;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Deeplearning4j network ({@link MultiLayerNetwork} or {@link ComputationGraph}) as a DeepJUnit
 * {@link Model}: from a network in memory, a DL4J {@code ModelSerializer} zip, or a Keras HDF5
 * file through DL4J's Keras importer.
 *
 * <pre>{@code
 * try (Dl4jModel lenet = Dl4jModel.importKeras(Path.of("lenet5.json"), Path.of("lenet5_weights.h5"))) {
 *     Tensor probabilities = lenet.predict(images);            // images [n, 28, 28, 1]
 *     Tensor grad = lenet.inputGradient(images,
 *         Objective.builder().logit(3, 1.0).neuron("block1_conv1", 0, 0.1).build());
 * }
 * Dl4jModel mine = Dl4jModel.builder(myNetwork).name("my-cnn").inputShape(28, 28, 1).build();
 * }</pre>
 *
 * <p>Tensors cross this class channels-last ({@code [n, h, w, c]} images); DL4J's NCHW layers
 * are permuted in and out. Each layer's output is reported channels-last too.
 *
 * <p><b>Thread safety:</b> DL4J networks are not thread-safe, so every call on a {@code Dl4jModel}
 * holds one lock per model: calls from several threads are safe and run one at a time on that
 * model (create several models for parallel work). Input gradients are computed on a private
 * copy of the network that shares its parameters, without dropout or weight noise and with batch
 * normalisation's running statistics. A network handed to {@link #of} must not be used elsewhere
 * concurrently; it is not closed by {@link #close()}, while networks this class loaded are.
 */
@API(status = STABLE, since = "0.1")
public final class Dl4jModel extends ObservedModel {

    private final String name;
    private final Dl4jNet net;
    private final boolean owned;
    private final Layout inputLayout;
    private final Shape inputShape;
    private final Shape outputShape;
    private final DataType dataType;
    private final org.nd4j.linalg.api.buffer.DataType ndType;
    private final List<Layout> layouts;
    private final List<Layer> layers;
    private final LayerPass pass;
    private final String gradientProblem;
    private final ReentrantLock lock = new ReentrantLock();
    private final ModelFiles files;
    private Dl4jNet gradientNet;
    private boolean closed;

    private Dl4jModel(Dl4jNet net, String name, Shape givenInputShape, boolean owned, ModelFiles files) {
        this.net = net;
        this.files = files;
        this.name = name != null ? name : net.typeName();
        this.owned = owned;
        this.ndType = net.dataType();
        this.dataType = ndType == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? DataType.FLOAT64 : DataType.FLOAT32;
        if (net.nodes.isEmpty()) {
            throw new ModelException("Model '" + this.name + "' has no layers");
        }
        Dl4jNet.Node first = net.nodes.stream()
                .filter(n -> !n.input)
                .findFirst()
                .orElseThrow(() -> new ModelException("Model '" + this.name + "' has no layers"));
        Layout.Input input = Layout.input(first, givenInputShape, this.name);
        this.inputLayout = input.layout();
        this.inputShape = input.shape();

        NetLayers found = NetLayers.discover(net, inputLayout, inputShape, this.name, this::toNet);
        this.layouts = found.layouts();
        this.layers = found.layers();
        String outputNode = net.outputNodeName();
        this.outputShape = layer(outputNode).outputShape();
        this.pass = new LayerPass(net, layers, found.inputNodes(), layouts.get(layers.indexOf(layer(outputNode))));
        this.gradientProblem = net.chainProblem();
    }

    // ---------------------------------------------------------------- factories

    /** Wraps a network in memory; its input shape must follow from its configuration (see {@link #builder}). */
    public static Dl4jModel of(MultiLayerNetwork network) {
        return builder(network).build();
    }

    /** Wraps a graph in memory; its input shape must follow from its configuration (see {@link #builder}). */
    public static Dl4jModel of(ComputationGraph graph) {
        return builder(graph).build();
    }

    /**
     * Loads a DL4J {@code ModelSerializer} zip holding a {@link MultiLayerNetwork} or a
     * {@link ComputationGraph} (told apart by its {@code configuration.json}), named after the file.
     *
     * @param inputShape one sample's shape, channels-last, for networks whose configuration does not
     *                   tell it (a CNN without an input preprocessor); empty to infer it
     * @throws org.deepjunit.model.ModelLoadException if the file is missing, not a zip, or not a DL4J model
     */
    public static Dl4jModel load(Path zip, int... inputShape) {
        Builder builder = builder(zip);
        return (inputShape.length == 0 ? builder : builder.inputShape(inputShape)).build();
    }

    /**
     * Imports a whole Keras model saved with {@code model.save("model.h5")} (architecture and
     * weights in one HDF5 file), named after the file. A {@code Sequential} model becomes a
     * MultiLayerNetwork, a functional one a ComputationGraph; layer names stay the Keras ones.
     */
    public static Dl4jModel importKeras(Path modelH5) {
        return keras(modelH5).build();
    }

    /**
     * Imports a Keras model from its architecture ({@code model.to_json()}) and a weights-only HDF5
     * file ({@code model.save_weights("weights.h5")}), named after the architecture file.
     */
    public static Dl4jModel importKeras(Path architectureJson, Path weightsH5) {
        return keras(architectureJson, weightsH5).build();
    }

    /** Starts wrapping a network, to give it a display name or an input shape its configuration does not tell. */
    public static Builder builder(MultiLayerNetwork network) {
        Dl4jNet net = Dl4jNet.of(Objects.requireNonNull(network, "network"));
        return new Builder(o -> new Dl4jModel(net, o.name(), o.inputShape(), false, ModelFiles.none()));
    }

    /** Starts wrapping a graph, to give it a display name or an input shape its configuration does not tell. */
    public static Builder builder(ComputationGraph graph) {
        Dl4jNet net = Dl4jNet.of(Objects.requireNonNull(graph, "graph"));
        return new Builder(o -> new Dl4jModel(net, o.name(), o.inputShape(), false, ModelFiles.none()));
    }

    /** Starts loading a {@code ModelSerializer} zip (see {@link #load}): name, input shape, SHA-256 pin, trust. */
    public static Builder builder(Path zip) {
        Objects.requireNonNull(zip, "zip");
        return new Builder(o -> Dl4jLoader.loadZip(zip, o));
    }

    /** Starts importing a whole Keras model HDF5 file (see {@link #importKeras(Path)}), to name it. */
    public static Builder keras(Path modelH5) {
        Objects.requireNonNull(modelH5, "modelH5");
        return new Builder(o -> KerasLoader.importKeras(null, modelH5, o));
    }

    /** Starts importing a Keras architecture and weights (see {@link #importKeras(Path, Path)}), to name it. */
    public static Builder keras(Path architectureJson, Path weightsH5) {
        Objects.requireNonNull(architectureJson, "architectureJson");
        Objects.requireNonNull(weightsH5, "weightsH5");
        return new Builder(o -> KerasLoader.importKeras(architectureJson, weightsH5, o));
    }

    static Dl4jModel create(Dl4jNet net, String name, Shape inputShape, boolean owned, ModelFiles files) {
        return new Dl4jModel(net, name, inputShape, owned, files);
    }

    /**
     * Options for a model from a network in memory or a file: its name and input shape. Models built from
     * files are closed with the model; networks in memory stay the caller's.
     *
     * <pre>{@code
     * Dl4jModel lenet1 = Dl4jModel.keras(Path.of("lenet1.json"), Path.of("lenet1.h5")).name("lenet1").build();
     * }</pre>
     */
    public static final class Builder {
        private final java.util.function.Function<LoadOptions, Dl4jModel> source;
        private String name;
        private Shape inputShape;
        private String sha256;
        private boolean allowJavaDeserialization;

        private Builder(java.util.function.Function<LoadOptions, Dl4jModel> source) {
            this.source = source;
        }

        /** The name used in reports and messages; defaults to the file name, or the network class in memory. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** One sample's input shape, channels-last, e.g. {@code (28, 28, 1)}; inferred when not given. */
        public Builder inputShape(int... dims) {
            this.inputShape = Shape.of(dims);
            return this;
        }

        /**
         * Pins the model files' SHA-256 (see {@link ModelFiles#sha256()}: {@code sha256sum model.zip} for one file;
         * for a Keras JSON plus weights, the hash of both files' listing, as {@link #files()} gives it). Checked
         * before the files are parsed; a mismatch is a {@link org.deepjunit.model.ModelLoadException} naming them.
         */
        public Builder sha256(String hex) {
            this.sha256 = Objects.requireNonNull(hex, "hex");
            return this;
        }

        /**
         * <b>Unsafe for files you do not trust:</b> lets a DL4J zip hold a {@code preprocessor.bin} entry, which
         * DL4J reads with Java deserialization, so a crafted file can run code in this JVM. Refused by default.
         */
        public Builder allowJavaDeserialization() {
            this.allowJavaDeserialization = true;
            return this;
        }

        /** Creates (or loads) the model; throws {@link org.deepjunit.model.ModelLoadException} for a bad file. */
        public Dl4jModel build() {
            return source.apply(new LoadOptions(name, inputShape, sha256, allowJavaDeserialization));
        }
    }

    // ---------------------------------------------------------------- Model

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

    /** The files this model was loaded from with their SHA-256; none for a network built in memory. */
    @Override
    public ModelFiles files() {
        return files;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layer-by-layer pass with no layer wanted, so that convolutions run as {@link ConvolutionForward}. */
    @Override
    protected Tensor computePredict(Tensor inputs) {
        return forward(inputs, List.of(), (i, converted, array) -> {});
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        Map<String, Tensor> result = new LinkedHashMap<>();
        Tensor output = forward(
                inputs,
                layerNames,
                (i, converted, array) -> result.put(
                        layers.get(i).name(),
                        array == null ? converted : toTensor(layouts.get(i).toChannelsLast(array))));
        return new Activations(result, output);
    }

    /**
     * SHA-256 of the network's structure (type, nodes and layer classes, input shape, the adapter's layers) and
     * all its parameters: equal for the same architecture and weights. (The configuration JSON is not hashed: it
     * differs between two loads of the same file.)
     */
    @Override
    public String fingerprint() {
        lock.lock();
        try {
            checkOpen();
            return net.fingerprint(inputShape + ";" + dataType + ";" + layers);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Neuron values computed with ND4J on the forward activations: channel means over the spatial axes and each
     * input's min/max over the whole layer output, so only {@code batch × neurons} numbers are copied out. Equal to
     * {@code NeuronValues.of(activations(...))} up to rounding of the means (reduced in double precision).
     */
    @Override
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        Map<String, NeuronValues.LayerValues> result = new LinkedHashMap<>();
        Tensor output = forward(inputs, layerNames, (i, converted, array) -> {
            String layer = layers.get(i).name();
            result.put(layer, NeuronValueOps.layerValues(this, layer, converted, array, layouts.get(i)));
        });
        return new NeuronValues(output, result);
    }

    /** One layer-by-layer pass under the lock (see {@link LayerPass}); returns the output. */
    private Tensor forward(Tensor inputs, Collection<String> layerNames, LayerPass.LayerVisitor visitor) {
        lock.lock();
        try {
            checkOpen();
            return pass.run(inputs.as(dataType), layerNames, this::toNet, this::toTensor, visitor);
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        if (gradientProblem != null) {
            throw new ModelException("Model '" + name + "': " + gradientProblem);
        }
        lock.lock();
        try {
            checkOpen();
            if (gradientNet == null) {
                gradientNet = net.inferenceClone();
            }
            INDArray g = InputGradient.compute(gradientNet, layouts, toNet(inputs), objective);
            return toTensor(inputLayout.gradientToChannelsLast(
                    g, Dl4jTensors.longs(inputs.shape().dims())));
        } catch (ModelException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException("Model '" + name + "': input gradient failed: " + e, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            gradientNet = null;
            if (owned) {
                net.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Dl4jModel[" + name + ", " + net.typeName() + ", input " + inputShape + ", " + layers.size()
                + " layers]";
    }

    // ---------------------------------------------------------------- internals

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Model '" + name + "' is closed");
        }
    }

    private INDArray toNet(Tensor t) {
        INDArray a = Dl4jTensors.toNd(t, ndType);
        INDArray converted = inputLayout.fromChannelsLast(a);
        return converted == a ? a : converted.dup('c');
    }

    private Tensor toTensor(INDArray a) {
        return Dl4jTensors.fromNd(a, dataType);
    }
}
