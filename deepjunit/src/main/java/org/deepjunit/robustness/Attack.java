package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * An adversarial attack: for each sample, an input within distance ε of it (in the attack's {@link Norm}) and
 * inside the valid range of input values, chosen to make the model misclassify it. Immutable: each {@code with}
 * method returns a changed copy. Create attacks with {@link Attacks}.
 *
 * <p>The valid range defaults to {@code [0, 1]}; ε must lie in {@code (0, max − min]} (checked when the attack runs,
 * so that {@code .range} may follow). Inputs outside the range are an error, not clipped silently: an attack on
 * inputs the pipeline never sees measures nothing.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public abstract sealed class Attack implements Perturbation permits Fgsm, Pgd, SquareAttack {

    final double epsilon;
    final double min;
    final double max;
    final long seed;

    Attack(double epsilon, double min, double max, long seed) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
            throw new IllegalArgumentException(
                    "An attack's valid range needs finite min < max, got [" + min + ", " + max + "]");
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ε = " + epsilon + " is not a radius: it must be positive and finite");
        }
        this.epsilon = epsilon;
        this.min = min;
        this.max = max;
        this.seed = seed;
    }

    /** The radius of the ball the perturbation stays in. */
    public double epsilon() {
        return epsilon;
    }

    /** The norm of that ball. */
    public abstract Norm norm();

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    /** This attack with another ε (the step size of iterative attacks scales with it). */
    public abstract Attack epsilon(double epsilon);

    /** This attack for inputs valued in {@code [min, max]} (e.g. {@code 0, 255} for raw 8-bit pixels). */
    public abstract Attack range(double min, double max);

    /** This attack with another seed for its random draws. */
    public abstract Attack seed(long seed);

    @Override
    public final Tensor apply(Model model, Tensor inputs, int[] labels) {
        double[] eps = new double[inputs.shape().dim(0)];
        Arrays.fill(eps, epsilon);
        return attack(model, inputs, labels, eps).inputs();
    }

    /** Perturbed inputs with the model queries the attack made for them. */
    record Outcome(Tensor inputs, long queries) {}

    /** Attacks each sample {@code i} with its own radius {@code eps[i]} (the bisection for minimal ε uses this). */
    final Outcome attack(Model model, Tensor inputs, int[] labels, double[] eps) {
        Objects.requireNonNull(model, "model");
        if (epsilon > max - min) {
            // checked here, not when built: .range(min, max) may follow the ε it makes valid
            throw new IllegalArgumentException("ε = " + epsilon + " is outside (0, " + (max - min)
                    + "]: it must be at most the width of the valid range [" + min + ", " + max
                    + "] (set the range with .range(min, max) for inputs in other units)");
        }
        Batch batch = Batch.of(inputs, labels, min, max, name());
        if (eps.length != batch.n()) {
            throw new IllegalArgumentException("One ε per sample: " + eps.length + " for " + batch.n());
        }
        double[] perturbed = perturb(model, batch, eps);
        return new Outcome(
                Tensor.wrap(perturbed, inputs.shape()), batch.queries().sum());
    }

    /** The perturbed values of {@code batch}, flat; each sample within {@code eps[i]} of its input and the range. */
    abstract double[] perturb(Model model, Batch batch, double[] eps);

    /** The range part of {@link #name()}, empty for the default {@code [0, 1]}. */
    final String rangeName() {
        return min == 0 && max == 1 ? "" : ", range=[" + min + ", " + max + "]";
    }

    @Override
    public String toString() {
        return name();
    }
}
