package org.deepjunit.bench;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.deepjunit.coverage.LayerCoverage;

/**
 * The least work any Java recorder of NC must do on one float layer: widen each value to a double and fold it into
 * its neuron's scaled maximum, maximum and minimum, as {@code ModelCoverage} does, and nothing else (no first covered
 * inputs, no merges). Timed on one thread and on two halves of the neurons at once, it bounds from below what the
 * "values out, then Java" route can cost.
 */
final class LeastNcRecorder {

    private final float[] values;
    private final int batch;
    private final int neurons;
    private final double[] mins;
    private final double[] maxs;
    /** Per half of the neurons: the widened row, the scaled maxima, the maxima and the minima, indexed from 0. */
    private final double[][][] halves = new double[2][4][];

    LeastNcRecorder(float[] values, int batch, double[] mins, double[] maxs) {
        this.values = values;
        this.batch = batch;
        this.neurons = values.length / batch;
        this.mins = mins;
        this.maxs = maxs;
        for (double[][] half : halves) {
            for (int a = 0; a < half.length; a++) {
                half[a] = new double[neurons];
            }
        }
    }

    /** One pass over every value; returns a checksum so that the JIT keeps the work. */
    double run(boolean twoThreads) {
        if (!twoThreads) {
            fold(0, neurons, halves[0]);
            return halves[0][1][0];
        }
        int mid = neurons / 2;
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> fold(mid, neurons, halves[1]));
        fold(0, mid, halves[0]);
        other.join();
        return halves[0][1][0] + halves[1][1][0];
    }

    /**
     * Throws unless the last {@link #run} gave every neuron the scaled maximum, maximum and minimum that {@code
     * recorded} holds: the bound is only a bound if it does the recorder's arithmetic.
     */
    void checkSameAs(LayerCoverage recorded, boolean twoThreads) {
        int mid = twoThreads ? neurons / 2 : neurons;
        for (int j = 0; j < neurons; j++) {
            double[][] state = j < mid ? halves[0] : halves[1];
            int at = j < mid ? j : j - mid;
            if (Double.compare(state[1][at], recorded.maxScaled(j)) != 0
                    || Double.compare(state[2][at], recorded.maxRaw(j)) != 0
                    || Double.compare(state[3][at], recorded.minRaw(j)) != 0) {
                throw new IllegalStateException("The least recorder differs from ModelCoverage at neuron " + j);
            }
        }
    }

    /** Neurons {@code [from, to)} through the whole batch; every array indexed from 0, which the JIT vectorises. */
    private void fold(int from, int to, double[][] state) {
        double[] row = state[0];
        double[] scaledMax = state[1];
        double[] max = state[2];
        double[] min = state[3];
        int n = to - from;
        Arrays.fill(scaledMax, 0, n, Double.NEGATIVE_INFINITY);
        Arrays.fill(max, 0, n, Double.NEGATIVE_INFINITY);
        Arrays.fill(min, 0, n, Double.POSITIVE_INFINITY);
        for (int s = 0; s < batch; s++) {
            int base = s * neurons + from;
            for (int j = 0; j < n; j++) {
                row[j] = values[base + j];
            }
            double low = mins[s];
            double range = maxs[s] - low;
            for (int j = 0; j < n; j++) {
                double raw = row[j];
                scaledMax[j] = Math.max(scaledMax[j], (raw - low) / range);
                max[j] = Math.max(max[j], raw);
                min[j] = Math.min(min[j], raw);
            }
        }
    }
}
