package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * Saliency (Simonyan et al. 2014): the input gradient {@code ∂F/∂x} of the target score, by default its absolute
 * value, as Captum's {@code Saliency} gives it.
 *
 * <pre>{@code
 * Attribution a = Explain.saliency(model).explain(image);                 // |∂F/∂x|
 * Attribution g = Explain.saliency(model).absolute(false).explain(image); // ∂F/∂x, signed
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Saliency extends BaseExplainer {

    private boolean absolute = true;

    Saliency(Model model) {
        super(model);
    }

    /** Explains class {@code c} rather than the predicted class. */
    public Saliency target(int c) {
        setTarget(c);
        return this;
    }

    /** The score explained; {@link Score#AUTO} by default. */
    public Saliency score(Score score) {
        setScore(score);
        return this;
    }

    /** Whether to give {@code |∂F/∂x|} (the default) or the signed gradient. */
    public Saliency absolute(boolean absolute) {
        this.absolute = absolute;
        return this;
    }

    @Override
    public String method() {
        return absolute ? "saliency" : "gradient";
    }

    @Override
    Attribution compute(Tensor x, TargetFunction f, double fx) {
        double[] g = f.gradient(x).toDoubleArray();
        if (absolute) {
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.abs(g[i]);
            }
        }
        return new Attribution(
                method(), model.name(), f.targetClass(), f.score(), Tensor.wrap(g, x.shape()), fx, Double.NaN);
    }
}
