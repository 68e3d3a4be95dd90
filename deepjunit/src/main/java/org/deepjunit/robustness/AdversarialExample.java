package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * An input the perturbation made the model misclassify, confirmed by predicting it again (after 8-bit quantisation
 * when asked for), beside its seed.
 *
 * @param index      the sample's index in the dataset
 * @param label      its true class
 * @param seed       the clean input {@code [1, ...]}, which the model classified correctly
 * @param perturbed  the perturbed input {@code [1, ...]}, as the model saw it
 * @param predicted  the class the model predicted for it
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record AdversarialExample(int index, int label, Tensor seed, Tensor perturbed, int predicted) {

    /** The largest change of one input element: at most ε for an L∞ attack. */
    public double linfDistance() {
        return seed.maxAbsDifference(perturbed);
    }

    /** The Euclidean length of the change. */
    public double l2Distance() {
        double[] a = seed.toDoubleArray();
        double[] b = perturbed.toDoubleArray();
        double squares = 0;
        for (int j = 0; j < a.length; j++) {
            squares += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(squares);
    }
}
