package org.deepjunit.robustness;

import java.util.Arrays;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/** The bisection over ε behind {@link Robustness#minimalPerturbation}. */
final class Bisection {

    private Bisection() {}

    /**
     * Per sample, the upper end of the final bracket {@code (lo, hi]} with the attack fooling the model at {@code
     * hi}, after {@code steps} halvings of {@code (0, attack.epsilon()]}; +∞ where it does not fool it at ε.
     */
    static double[] smallestEpsilons(Model model, Attack attack, Tensor inputs, int[] labels, int steps) {
        int n = labels.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, attack.epsilon());
        boolean[] broken = fooled(model, attack, inputs, labels, hi);
        for (int s = 0; s < steps; s++) {
            double[] mid = new double[n];
            for (int i = 0; i < n; i++) {
                mid[i] = (lo[i] + hi[i]) / 2;
            }
            boolean[] fooled = fooled(model, attack, inputs, labels, mid);
            for (int i = 0; i < n; i++) {
                if (fooled[i]) {
                    hi[i] = mid[i];
                } else {
                    lo[i] = mid[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!broken[i]) {
                hi[i] = Double.POSITIVE_INFINITY;
            }
        }
        return hi;
    }

    private static boolean[] fooled(Model model, Attack attack, Tensor inputs, int[] labels, double[] eps) {
        int[] predicted = model.predict(
                        attack.attack(model, inputs, labels, eps).inputs())
                .argMax();
        boolean[] fooled = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            fooled[i] = predicted[i] != labels[i];
        }
        return fooled;
    }
}
