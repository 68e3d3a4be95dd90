package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A deep-learning model under test, whatever framework runs it.
 *
 * <p>Everything crosses this interface as {@link Tensor}s in a framework-neutral layout: batch
 * first, images channels-last. Adapters create models:
 * {@code org.deepjunit.model.dl4j.Dl4jModel} for Deeplearning4j (and Keras files through its
 * importer), {@code org.deepjunit.model.tensorflow.TensorFlowModel} for TensorFlow SavedModels.
 *
 * <pre>{@code
 * try (Model lenet = Dl4jModel.load(Path.of("lenet5.zip"))) {
 *     Tensor probabilities = lenet.predict(images);           // [n, 10]
 *     Activations acts = lenet.activations(images);          // every layer's output
 *     Tensor grad = lenet.inputGradient(images,
 *         Objective.builder().logit(3, 1.0).build());        // d logit[3] / d input
 * }
 * }</pre>
 *
 * <p>Implementations are safe to call from several threads; each adapter documents how.
 * Inputs of the wrong shape, unknown layer names and non-finite outputs are reported as
 * {@link org.deepjunit.model.ModelException}s whose message says what was expected.
 */
@API(status = STABLE, since = "0.1")
public interface Model extends AutoCloseable {

    /** A short name for reports and messages, such as the file name the model came from. */
    String name();

    /** The shape of one input sample, without the batch dimension; images channels-last. */
    Shape inputShape();

    /** The shape of one output sample, without the batch dimension. */
    Shape outputShape();

    /** The type inputs are computed in; inputs of the other type are converted. */
    DataType dataType();

    /** Every layer, in forward order. */
    List<Layer> layers();

    /** The layer of that name; throws {@link UnknownLayerException} listing the known names. */
    default Layer layer(String name) {
        for (Layer layer : layers()) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new UnknownLayerException(name, layers().stream().map(Layer::name).toList());
    }

    /** Runs inference on a batch {@code [n, ...inputShape()]} and returns {@code [n, ...outputShape()]}. */
    Tensor predict(Tensor inputs);

    /** Runs inference and returns the outputs of the named layers alongside the model's output. */
    Activations activations(Tensor inputs, Collection<String> layerNames);

    /** Runs inference and returns the outputs of every layer. */
    default Activations activations(Tensor inputs) {
        return activations(inputs, layers().stream().map(Layer::name).toList());
    }

    /**
     * Runs inference and returns each named layer's neuron values (raw channel means and the
     * per-input range DeepXplore's scaling needs) alongside the model's output. Adapters may
     * compute them inside the framework; the result must equal {@link NeuronValues#of} over
     * {@link #activations(Tensor, Collection)}.
     */
    default NeuronValues neuronValues(Tensor inputs, Collection<String> layerNames) {
        return NeuronValues.of(activations(inputs, layerNames));
    }

    /**
     * A content hash of the model: equal for the same architecture and weights, different when either changes.
     * Coverage data and cached profiles are keyed by it. The default hashes the structure and the model's neuron
     * values on a fixed probe batch ({@link org.deepjunit.model.Fingerprints#of}); adapters may hash their
     * parameters instead. Called rarely: callers cache it per model instance.
     */
    default String fingerprint() {
        return org.deepjunit.model.Fingerprints.of(this);
    }

    /**
     * The files this model was loaded from, with their SHA-256, which coverage data and approved files record;
     * none for a model built in memory.
     */
    default ModelFiles files() {
        return ModelFiles.none();
    }

    /**
     * The gradient of {@code objective}, summed over the batch, with respect to each input
     * element: a tensor shaped like {@code inputs}. Computed in inference mode: no dropout, batch
     * normalisation with its running statistics.
     */
    Tensor inputGradient(Tensor inputs, Objective objective);

    /**
     * Where {@link #inputGradient} comes from, as reports print it: {@code "exact"} for a model its framework
     * differentiates; an adapter that cannot (ONNX Runtime) names the twin or the estimate it uses instead, with its
     * cost.
     */
    default String gradientSource() {
        return "exact";
    }

    /** Releases native memory and sessions. The model must not be used afterwards. */
    @Override
    void close();
}
