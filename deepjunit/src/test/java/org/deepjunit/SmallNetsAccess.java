package org.deepjunit;

import java.util.Random;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/** {@link SmallNets} for tests in other packages, with inputs inside the unit range that attacks take. */
public final class SmallNetsAccess {

    private SmallNetsAccess() {}

    /** A {@code 4 -> 8 tanh -> 3 softmax} float64 MLP from a seed. */
    public static Model mlp(long seed) {
        return SmallNets.mlp("mlp-" + seed, seed);
    }

    /** {@code n} inputs of size 4, uniform in {@code [0.1, 0.9]}, from a seed. */
    public static Tensor unitInputs(long seed, int n) {
        Random rnd = new Random(seed);
        double[] values = new double[n * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1 + 0.8 * rnd.nextDouble();
        }
        return Tensor.of(values, n, 4);
    }
}
