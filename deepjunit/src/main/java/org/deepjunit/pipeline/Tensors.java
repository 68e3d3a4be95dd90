package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Shape;

/**
 * Differentiable stages on tensors, for between the decoded input and the model. Each keeps the input's data type
 * and gives its vector–Jacobian product, so that input gradients reach the pipeline's input.
 *
 * <pre>{@code
 * // A SavedModel trained on tf.keras.utils.normalize(x, axis=1) over [n, 28, 28] images, fed [28, 28, 1] pixels:
 * TensorPipeline pipeline = TensorPipeline.builder("normalised", Shape.of(28, 28, 1))
 *         .then(Tensors.reshape(28, 28))
 *         .then(Tensors.l2Normalize(0))
 *         .model(savedModel)
 *         .build();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Tensors {

    private Tensors() {}

    /** {@code x · factor}, e.g. {@code scale(1 / 255.0)} for 8-bit pixels. Stage name "scale". */
    public static DifferentiableStage scale(double factor) {
        return new ScaleStage("scale", factor, 0);
    }

    /** {@code x · factor + offset}, e.g. {@code scale(2 / 255.0, -1)} for pixels in [−1, 1]. Stage name "scale". */
    public static DifferentiableStage scale(double factor, double offset) {
        return new ScaleStage("scale", factor, offset);
    }

    /**
     * {@code (x − mean[c]) / std[c]} for each channel {@code c} of the last axis, with stored training statistics
     * (ImageNet's are {@code {0.485, 0.456, 0.406}}, {@code {0.229, 0.224, 0.225}} on [0, 1] pixels); one mean and
     * one deviation apply to every channel. Stage name "standardize".
     */
    public static DifferentiableStage standardize(double[] mean, double[] std) {
        return new StandardizeStage("standardize", mean, std);
    }

    /** The same values in row-major order under another sample shape (the batch axis stays). Stage name "reshape". */
    public static DifferentiableStage reshape(int... sampleShape) {
        return new ReshapeStage("reshape", Shape.of(sampleShape));
    }

    /**
     * Divides every vector along sample axis {@code axis} (0 = the first axis after the batch) by its L2 norm;
     * all-zero vectors stay zero. {@code tf.keras.utils.normalize(x, axis=1)} is {@code l2Normalize(0)}: Keras
     * counts the batch axis. Stage name "l2-normalize".
     */
    public static DifferentiableStage l2Normalize(int axis) {
        return new L2NormalizeStage("l2-normalize", axis);
    }

    /** {@code min(max(x, low), high)}; the gradient is 0 where a value was clipped. Stage name "clip". */
    public static DifferentiableStage clip(double low, double high) {
        return new ClipStage("clip", low, high);
    }
}
