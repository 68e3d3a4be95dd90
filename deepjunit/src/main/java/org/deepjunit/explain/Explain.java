package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;

/**
 * Where explainers come from: one factory per method, each returning an explainer to configure and then call.
 *
 * <pre>{@code
 * Attribution ig = Explain.integratedGradients(lenet5).steps(100).explain(image);
 * Attribution sal = Explain.saliency(lenet5).explain(image);
 * Attribution gxi = Explain.gradientTimesInput(lenet5).target(3).explain(image);
 * Attribution sg = Explain.smoothGrad(lenet5).samples(25).noise(0.1).explain(image);
 * Attribution occ = Explain.occlusion(anyModel).patch(4, 4).stride(2, 2).explain(image);
 * }</pre>
 *
 * <p>Every explainer explains a {@link Score} of one class: by default the class the model predicts for the input,
 * its logit for a model that outputs logits and its log-probability for one that outputs probabilities. The
 * gradient methods need a model that computes input gradients ({@link Model#inputGradient}); occlusion needs only
 * predictions.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Explain {

    private Explain() {}

    /** The input gradient, as absolute values by default. */
    public static Saliency saliency(Model model) {
        return new Saliency(model);
    }

    /** The input gradient times the input, element by element. */
    public static GradientTimesInput gradientTimesInput(Model model) {
        return new GradientTimesInput(model);
    }

    /** Integrated gradients from a baseline (zeros by default), with its completeness error. */
    public static IntegratedGradients integratedGradients(Model model) {
        return new IntegratedGradients(model);
    }

    /** The mean gradient over noisy copies of the input. */
    public static SmoothGrad smoothGrad(Model model) {
        return new SmoothGrad(model);
    }

    /** The score's drop when patches of the input are hidden; needs no gradient. */
    public static Occlusion occlusion(Model model) {
        return new Occlusion(model);
    }
}
