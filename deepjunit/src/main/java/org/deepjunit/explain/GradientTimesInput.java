package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * Gradient × input (Shrikumar et al. 2016): {@code x_i · ∂F/∂x_i}. For a linear score {@code F = w·x + b} it is
 * {@code w_i · x_i}, each element's own contribution.
 *
 * <pre>{@code
 * Attribution a = Explain.gradientTimesInput(model).explain(image);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class GradientTimesInput extends BaseExplainer {

    GradientTimesInput(Model model) {
        super(model);
    }

    /** Explains class {@code c} rather than the predicted class. */
    public GradientTimesInput target(int c) {
        setTarget(c);
        return this;
    }

    /** The score explained; {@link Score#AUTO} by default. */
    public GradientTimesInput score(Score score) {
        setScore(score);
        return this;
    }

    @Override
    public String method() {
        return "gradient x input";
    }

    @Override
    Attribution compute(Tensor x, TargetFunction f, double fx) {
        double[] g = f.gradient(x).toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            g[i] *= x.getDouble(i);
        }
        return new Attribution(
                method(), model.name(), f.targetClass(), f.score(), Tensor.wrap(g, x.shape()), fx, Double.NaN);
    }
}
