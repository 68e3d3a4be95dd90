package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The norm whose ball of radius ε bounds an attack's perturbation. */
@API(status = EXPERIMENTAL, since = "0.5")
public enum Norm {
    /** {@code max_i |δ_i| ≤ ε}: every input element moves by at most ε. */
    LINF,
    /** {@code sqrt(Σ δ_i²) ≤ ε}, over each sample's elements. */
    L2;

    @Override
    public String toString() {
        return this == LINF ? "linf" : "l2";
    }
}
