package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * A change of a model's inputs whose effect on its predictions is measured: an {@link Attack} or a {@link
 * Corruption}. Deterministic for a given batch: random draws come from the perturbation's seed.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public interface Perturbation {

    /**
     * A name stating every parameter, e.g. {@code "pgd(linf, eps=0.1, steps=20, step=0.0125, restarts=1, seed=0)"}:
     * it names the perturbed evaluation, its baseline and its history, so two perturbations with one name must be
     * the same.
     */
    String name();

    /**
     * The perturbed inputs, shaped like {@code inputs}.
     *
     * @param model  the model under test (attacks query it; corruptions ignore it)
     * @param inputs a batch {@code [n, ...model.inputShape()]}, values inside the perturbation's valid range
     * @param labels the true class of each sample (corruptions ignore them)
     */
    Tensor apply(Model model, Tensor inputs, int[] labels);

    /** The smallest valid input value: inputs must be at least this, and perturbed inputs stay so. */
    double min();

    /** The largest valid input value. */
    double max();
}
