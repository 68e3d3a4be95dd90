package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * A tensor stage that knows its vector–Jacobian product, so that input gradients flow through it: DeepXplore's
 * search then runs in the pipeline's input space (raw pixels) rather than the model's.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public interface DifferentiableStage extends TensorStage {

    /**
     * The vector–Jacobian product {@code vᵀ·∂apply(x)/∂x} per sample: given a batch {@code input} and the
     * gradient {@code outputGradient} of some scalar with respect to {@code apply(input)} (same shape as the
     * output), the gradient of that scalar with respect to {@code input} (same shape as the input).
     */
    Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient);
}
