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

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double p90(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.9 * sorted.length) - 1)];
    }
}
