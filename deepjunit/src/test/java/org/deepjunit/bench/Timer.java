package org.deepjunit.bench;

import java.util.Arrays;

/** Times a task: warm-up runs, then measured runs, reported as median and 90th percentile. */
final class Timer {

    private final int warmup;
    private final int runs;

    Timer(int warmup, int runs) {
        this.warmup = warmup;
        this.runs = runs;
    }

    /** Milliseconds of each measured run, sorted. */
    double[] measure(Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /**
     * Milliseconds of each task in each measured iteration, unsorted, so that {@code [t][i]} and {@code [u][i]} are a
     * pair from one iteration. Every iteration runs each task once, starting one task later than the iteration before,
     * so that every task takes every place in turn and none gains from always following another (DL4J still speeds up
     * over hundreds of runs).
     */
    double[][] inTurn(Runnable... tasks) {
        int k = tasks.length;
        double[][] ms = new double[k][runs];
        for (int i = -warmup; i < runs; i++) {
            for (int step = 0; step < k; step++) {
                int t = Math.floorMod(i + step, k);
                long start = System.nanoTime();
                tasks[t].run();
                if (i >= 0) {
                    ms[t][i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return ms;
    }

    /** A sorted copy, for {@link #median} and {@link #p90}. */
    static double[] sorted(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s;
    }

    /** Each iteration's {@code ms[i] / base[i]}. */
    static double[] ratios(double[] ms, double[] base) {
        double[] r = new double[ms.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ms[i] / base[i];
        }
        return r;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double p90(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.9 * sorted.length) - 1)];
    }
}
