package org.deepjunit.model.tensorflow;

import java.util.Random;

/** Seeded random weights for the test models, in doubles (graph constants) or floats (variables). */
public final class TestWeights {

    private TestWeights() {}

    /** {@code n} values uniform in {@code [-scale, scale)}. */
    public static double[] uniform(Random rnd, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * scale;
        }
        return v;
    }

    /** {@link #uniform} rounded to floats: the same draws, so a float and a double model agree. */
    public static float[] uniformFloats(Random rnd, int n, double scale) {
        double[] d = uniform(rnd, n, scale);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) d[i];
        }
        return v;
    }

    /** Widens float weights (e.g. from a DL4J twin) to the doubles the graph builders take. */
    public static double[] widen(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
