package org.deepjunit.model.onnx;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * An ONNX model run by ONNX Runtime, seen through DeepJUnit's framework-neutral {@link Model} interface: what a
 * PyTorch ({@code torch.onnx.export}) or Keras 3 ({@code model.export(path, format="onnx")}) team hands to Java.
 *
 * <pre>{@code
 * try (OnnxModel mnist = OnnxModel.builder(Path.of("models/mnist.onnx"))
 *         .sha256("2d6c…")                           // optional: fail when the file changes
 *         .build()) {
 *     Tensor logits = mnist.predict(images);          // images [n, 28, 28, 1], channels-last
 *     Activations acts = mnist.activations(images);   // every layer, channels-last
 * }
 * }</pre>
 *
 * <p><b>Layers</b> are found as DeepXplore counts them: one per Conv/Gemm/MatMul with the bias Add and the
 * activation that follow it, one per pooling, normalisation, residual Add/Sum/Concat and Softmax node, each named
 * by the value it outputs (a channel is one neuron). Reshape, Flatten, Transpose and constants are not layers.
 * {@link Builder#layer} names layers by value instead; a value computed inside an {@code If}/{@code Loop} body is
 * refused by name, since ONNX Runtime can expose only values of the main graph.
 *
 * <p><b>Layout.</b> Tensors cross the interface channels-last whatever the model's layout: a rank-4 input read by
 * the model as NCHW (PyTorch's layout) is transposed on the way in, and NCHW layer values on the way out. A model
 * whose batch size is fixed in the file (the ONNX Model Zoo's MNIST has 1) runs in chunks of that size.
 *
 * <p><b>Gradients.</b> ONNX Runtime's Java build computes no gradients, so {@link #inputGradient} needs a source:
 * a gradient-capable twin with the same weights ({@link Builder#gradientsFrom}: searches climb the twin's exact
 * gradient, and every difference found is confirmed by this model's own predictions), or an opt-in estimate
 * ({@link Builder#estimatedGradients}, with its cost per sample and its accuracy documented on
 * {@link GradientEstimate}). Without one, a gradient is refused with a message saying how to declare a source;
 * everything that needs no gradient (coverage, transformations, fuzzing, differential testing, quality gates,
 * fairness, occlusion, black-box attacks) works as for any model.
 *
 * <p>Thread-safety: every method may be called from several threads; ONNX Runtime runs them concurrently. Intra-op
 * threads default to 1 ({@link Builder#threads}): on small CPUs more threads ran a batch slower.
 */
@API(status = EXPERIMENTAL, since = "0.6")
public final class OnnxModel extends ObservedModel {

    private final String name;
    private final ModelFiles files;
    private final DataType dataType;
    private final Shape inputShape;
    private final Shape outputShape;
    private final List<Layer> layers;
    private final String output;
    private final String logits;
    private final OnnxSession session;
    private final GradientSource gradients;

    OnnxModel(
            String name,
            ModelFiles files,
            DataType dataType,
            Shape inputShape,
            Shape outputShape,
            List<Layer> layers,
            String output,
            String logits,
            OnnxSession session,
            GradientSource gradients) {
        this.name = name;
        this.files = files;
        this.dataType = dataType;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.layers = List.copyOf(layers);
        this.output = output;
        this.logits = logits;
        this.session = session;
        this.gradients = gradients;
    }

    /** Loads an {@code .onnx} file with one input and one output, finding its layers itself. */
    public static OnnxModel load(Path file) {
        return builder(file).build();
    }

    /** Starts configuring a model loaded from an {@code .onnx} file. */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"), null);
    }

    /** Starts configuring a model loaded from a classpath resource, such as {@code "models/mnist.onnx"}. */
    public static Builder fromClasspath(String resource) {
        return new Builder(null, Objects.requireNonNull(resource, "resource"));
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
    public ModelFiles files() {
        return files;
    }

    /** Where {@link #inputGradient} comes from, as reports print it: a twin, an estimate, or none. */
    @Override
    public String gradientSource() {
        return gradients.describe();
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        return session.predict(inputs.as(dataType));
    }

    /** A layer's name is the graph value it outputs, which the observing session exposes. */
    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        Set<String> values = new LinkedHashSet<>(layerNames);
        values.add(output);
        Map<String, Tensor> computed = session.run(inputs.as(dataType), values);
        Map<String, Tensor> byLayer = new LinkedHashMap<>();
        for (String layer : layerNames) {
            byLayer.put(layer, computed.get(layer));
        }
        return new Activations(byLayer, computed.get(output));
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        return gradients.inputGradient(this, inputs.as(dataType), objective);
    }

    /**
     * Per sample of {@code inputs}, the value of {@code terms} (logits and channel means, as {@link Objective}
     * defines them) on this model's own ONNX Runtime outputs; the terms' sample indices are ignored.
     */
    double[] objectiveValues(Tensor inputs, List<Objective.Term> terms) {
        Set<String> values = new LinkedHashSet<>();
        for (Objective.Term term : terms) {
            values.add(term.isLogit() ? logits : term.layer());
        }
        Map<String, Tensor> computed = session.run(inputs.as(dataType), values);
        int n = inputs.batchSize();
        double[] result = new double[n];
        for (Objective.Term term : terms) {
            Tensor t = computed.get(term.isLogit() ? logits : term.layer());
            int channels = t.shape().last();
            int perSample = t.size() / n;
            int positions = perSample / channels;
            for (int s = 0; s < n; s++) {
                double sum = 0;
                for (int p = 0; p < positions; p++) {
                    sum += t.getDouble(s * perSample + p * channels + term.unit());
                }
                result[s] += term.weight() * sum / positions;
            }
        }
        return result;
    }

    @Override
    public void close() {
        session.close();
        gradients.close();
    }

    @Override
    public String toString() {
        return "OnnxModel[" + name + ", " + inputShape + " -> " + outputShape + ", " + layers.size()
                + " layers, gradients: " + gradients.describe() + "]";
    }

    /** Configures an {@link OnnxModel}. */
    public static final class Builder {

        // Read by OnnxLoader.
        final Path file;
        final String resource;
        String name;
        String sha256;
        String input;
        String output;
        final List<String> layers = new ArrayList<>();
        Boolean channelsFirst;
        int threads = 1;
        Model gradientTwin;
        GradientEstimate estimate;

        private Builder(Path file, String resource) {
            this.file = file;
            this.resource = resource;
        }

        /** The name reports use; default the file name without {@code .onnx}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Pins the file's SHA-256 ({@code sha256sum model.onnx}): loading fails when the file differs. */
        public Builder sha256(String hex) {
            this.sha256 = Objects.requireNonNull(hex, "hex");
            return this;
        }

        /** The graph input to feed, by name; needed when the model has several. */
        public Builder input(String name) {
            this.input = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The graph output to read, by name; needed when the model has several. */
        public Builder output(String name) {
            this.output = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * A layer by the name of the value it outputs (a node output, as Netron shows it). Once one is named, only
         * named layers are used; by default every layer is found.
         */
        public Builder layer(String value) {
            this.layers.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Whether the model reads its rank ≥ 3 input channels-first (NCHW, PyTorch's layout). By default a rank-4
         * input is channels-first unless the model transposes it first (as Keras/tf2onnx exports do), and a rank-3
         * input is channels-first when a convolution or pooling reads it directly.
         */
        public Builder channelsFirst(boolean channelsFirst) {
            this.channelsFirst = channelsFirst;
            return this;
        }

        /** ONNX Runtime's intra-op threads; default 1. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Input gradients from {@code twin}, a TensorFlow or DL4J model with the same weights (which this builder
         * checks on a probe batch). Its layers are matched to this model's by name, or by position when both have
         * the same layers in the same order. The twin is closed with this model.
         */
        public Builder gradientsFrom(Model twin) {
            this.gradientTwin = Objects.requireNonNull(twin, "twin");
            return this;
        }

        /** Input gradients estimated from this model's own outputs: opt-in, see {@link GradientEstimate}. */
        public Builder estimatedGradients(GradientEstimate estimate) {
            this.estimate = Objects.requireNonNull(estimate, "estimate");
            return this;
        }

        /**
         * Loads the model: parses and checks the file before ONNX Runtime sees it, then opens its sessions.
         *
         * @throws org.deepjunit.model.ModelLoadException naming the file when it is missing, not ONNX, truncated,
         *     has a pinned hash that differs, or has inputs, outputs or layers this builder cannot use
         */
        public OnnxModel build() {
            if (gradientTwin != null && estimate != null) {
                throw new IllegalArgumentException(
                        "Choose one gradient source: gradientsFrom(twin) or estimatedGradients(estimate)");
            }
            return OnnxLoader.load(this);
        }
    }
}
