package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Creates attacks, each for inputs valued in {@code [0, 1]} until told another range.
 *
 * <pre>{@code
 * Attack fgsm = Attacks.fgsm(0.1);
 * Attack pgd = Attacks.pgd(Norm.LINF, 0.1).steps(20).restarts(2).seed(1);
 * Attack square = Attacks.square(0.1).queries(1_000).range(0, 255);  // raw pixels: ε in pixel units too
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Attacks {

    private Attacks() {}

    /** FGSM with radius ε (L∞). */
    public static Fgsm fgsm(double epsilon) {
        return new Fgsm(epsilon, 0, 1);
    }

    /** PGD in {@code norm} with radius ε: 10 steps of 2.5·ε/10, a random start, one restart, seed 0. */
    public static Pgd pgd(Norm norm, double epsilon) {
        return new Pgd(norm, epsilon, 0, 1, 0, 10, Double.NaN, true, 1);
    }

    /** The Square attack (L∞) with radius ε: at most 1,000 queries per sample, {@code pInit} 0.05, seed 0. */
    public static SquareAttack square(double epsilon) {
        return new SquareAttack(epsilon, 0, 1, 0, 1_000, 0.05);
    }
}
