package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;

/**
 * Projected gradient descent on the loss (Madry et al. 2018): from the input, or from a uniform random point of the
 * ε-ball, {@code steps} steps {@code x ← Π(x + α·sign(∇))} (L∞) or {@code x ← Π(x + α·∇/‖∇‖₂)} (L2), where Π
 * projects onto the ε-ball around the input and the valid range. With several restarts, a sample keeps the first
 * restart's result that fools the model (or the last one). Defaults: 10 steps, step size α = 2.5·ε/steps, a random
 * start, one restart, seed 0. Random draws depend on the seed and the batch.
 *
 * <pre>{@code
 * Pgd pgd = Attacks.pgd(Norm.L2, 1.5).steps(20).restarts(3).seed(7);
 * Tensor adversarial = pgd.apply(model, images, labels);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Pgd extends Attack {

    private final Norm norm;
    private final int steps;
    /** α/ε, so that the bisection over ε keeps the step proportional; NaN for the default 2.5/steps. */
    private final double relativeStep;

    private final boolean randomStart;
    private final int restarts;

    Pgd(
            Norm norm,
            double epsilon,
            double min,
            double max,
            long seed,
            int steps,
            double relativeStep,
            boolean randomStart,
            int restarts) {
        super(epsilon, min, max, seed);
        if (steps < 1) {
            throw new IllegalArgumentException("PGD needs at least one step, got steps = " + steps);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("PGD needs at least one restart (the first run), got " + restarts);
        }
        if (!Double.isNaN(relativeStep) && !(relativeStep > 0 && Double.isFinite(relativeStep))) {
            throw new IllegalArgumentException(
                    "PGD's step size must be positive and finite, got " + relativeStep * epsilon);
        }
        this.norm = java.util.Objects.requireNonNull(norm, "norm");
        this.steps = steps;
        this.relativeStep = relativeStep;
        this.randomStart = randomStart;
        this.restarts = restarts;
    }

    @Override
    public Norm norm() {
        return norm;
    }

    /** The step size α at this ε. */
    public double stepSize() {
        return relative() * epsilon;
    }

    private double relative() {
        return Double.isNaN(relativeStep) ? 2.5 / steps : relativeStep;
    }

    @Override
    public Pgd epsilon(double epsilon) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    @Override
    public Pgd range(double min, double max) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    @Override
    public Pgd seed(long seed) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    /** This attack with {@code steps} gradient steps. */
    public Pgd steps(int steps) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    /** This attack with step size α at the current ε (it scales with ε when ε changes). */
    public Pgd stepSize(double alpha) {
        return new Pgd(norm, epsilon, min, max, seed, steps, alpha / epsilon, randomStart, restarts);
    }

    /** This attack starting from the input itself ({@code false}) or from a uniform random point of the ball. */
    public Pgd randomStart(boolean randomStart) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    /** This attack run {@code restarts} times from different random starts. */
    public Pgd restarts(int restarts) {
        return new Pgd(norm, epsilon, min, max, seed, steps, relativeStep, randomStart, restarts);
    }

    @Override
    double[] perturb(Model model, Batch batch, double[] eps) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] best = null;
        boolean[] fooled = new boolean[batch.n()];
        for (int r = 0; r < restarts; r++) {
            double[] adv = run(model, batch, eps, random);
            batch.queries().add(batch.n());
            Scores scores = Scores.of(model.predict(batch.tensor(adv)), batch.labels());
            if (best == null) {
                best = adv;
            }
            for (int i = 0; i < batch.n(); i++) {
                if (!fooled[i]) {
                    System.arraycopy(adv, i * batch.d(), best, i * batch.d(), batch.d());
                    fooled[i] = scores.predicted(i) != batch.labels()[i];
                }
            }
        }
        return best;
    }

    private double[] run(Model model, Batch batch, double[] eps, SplittableRandom random) {
        int d = batch.d();
        double[] adv = batch.x().clone();
        if (randomStart) {
            RandomStarts.add(norm, adv, batch.n(), d, eps, random);
            Balls.project(norm, batch, adv, eps);
        }
        for (int s = 0; s < steps; s++) {
            double[] g = LossGradient.of(model, batch, adv);
            for (int i = 0; i < batch.n(); i++) {
                double alpha = relative() * eps[i];
                double scale = norm == Norm.LINF ? 0 : Balls.l2(g, i, d);
                for (int j = i * d; j < (i + 1) * d; j++) {
                    if (norm == Norm.LINF) {
                        adv[j] += alpha * Math.signum(g[j]);
                    } else if (scale > 0) {
                        adv[j] += alpha * g[j] / scale;
                    }
                }
            }
            Balls.project(norm, batch, adv, eps);
        }
        return adv;
    }

    @Override
    public String name() {
        return "pgd(" + norm + ", eps=" + epsilon + ", steps=" + steps + ", step=" + (float) stepSize()
                + ", random start=" + randomStart + ", restarts=" + restarts + ", seed=" + seed + rangeName() + ")";
    }
}
