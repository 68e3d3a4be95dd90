package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;

/**
 * The fast gradient sign method (Goodfellow et al. 2015): one step of size ε along the sign of the loss gradient,
 * {@code x' = clip(x + ε·sign(∇ₓ CE(z(x), y)), min, max)}. L∞ only; deterministic.
 *
 * <pre>{@code
 * Tensor adversarial = Attacks.fgsm(0.1).apply(model, images, labels);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Fgsm extends Attack {

    Fgsm(double epsilon, double min, double max) {
        super(epsilon, min, max, 0);
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public Fgsm epsilon(double epsilon) {
        return new Fgsm(epsilon, min, max);
    }

    @Override
    public Fgsm range(double min, double max) {
        return new Fgsm(epsilon, min, max);
    }

    /** FGSM draws nothing at random: the same attack. */
    @Override
    public Fgsm seed(long seed) {
        return this;
    }

    @Override
    double[] perturb(Model model, Batch batch, double[] eps) {
        double[] g = LossGradient.of(model, batch, batch.x());
        double[] adv = batch.x().clone();
        for (int j = 0; j < adv.length; j++) {
            adv[j] += eps[j / batch.d()] * Math.signum(g[j]);
        }
        Balls.project(Norm.LINF, batch, adv, eps);
        return adv;
    }

    @Override
    public String name() {
        return "fgsm(eps=" + epsilon + rangeName() + ")";
    }
}
