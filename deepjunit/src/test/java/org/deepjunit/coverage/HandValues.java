package org.deepjunit.coverage;

import java.util.Map;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.NeuronValues.LayerValues;

/** Neuron values written by hand: one dense layer {@code "l"}, a row of raw outputs per input. */
public final class HandValues {

    private HandValues() {}

    /** The values of {@code rows}, each input's minimum and maximum taken over its row. */
    public static NeuronValues of(double[][] rows) {
        int n = rows[0].length;
        double[] means = new double[rows.length * n];
        double[] mins = new double[rows.length];
        double[] maxs = new double[rows.length];
        for (int s = 0; s < rows.length; s++) {
            mins[s] = Double.MAX_VALUE;
            maxs[s] = -Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                means[s * n + j] = rows[s][j];
                mins[s] = Math.min(mins[s], rows[s][j]);
                maxs[s] = Math.max(maxs[s], rows[s][j]);
            }
        }
        return new NeuronValues(null, Map.of("l", new LayerValues("l", rows.length, n, means, mins, maxs)));
    }
}
