package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The smallest ε at which an attack fooled the model, per correctly classified sample ({@link
 * Robustness#minimalPerturbation}); +∞ for a sample it did not fool within the attack's own ε.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class MinimalPerturbation {

    private final Attack attack;
    private final double[] epsilons;

    MinimalPerturbation(Attack attack, double[] epsilons) {
        this.attack = attack;
        this.epsilons = epsilons.clone();
        Arrays.sort(this.epsilons);
    }

    /** The attack, with the largest ε searched. */
    public Attack attack() {
        return attack;
    }

    /** Each sample's smallest ε, ascending; +∞ for unbroken samples. */
    public double[] epsilons() {
        return epsilons.clone();
    }

    /**
     * The median over the samples (the mean of the middle two for an even count); +∞ when half or more are
     * unbroken, NaN when no sample was classified correctly.
     */
    public double median() {
        int n = epsilons.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? epsilons[n / 2] : (epsilons[n / 2 - 1] + epsilons[n / 2]) / 2;
    }

    /** How many samples the attack did not fool within its ε. */
    public int unbroken() {
        return (int) Arrays.stream(epsilons).filter(Double::isInfinite).count();
    }

    @Override
    public String toString() {
        return "median minimal ε of " + attack.name() + ": " + median() + " over " + epsilons.length + " samples ("
                + unbroken() + " unbroken)";
    }
}
