package org.deepjunit.robustness;

import java.io.PrintStream;

/** A line every ten seconds on a long run: what runs, how many inputs are done, how long it has taken. */
final class Progress {

    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private long last = start;

    Progress(PrintStream out, String what, int total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    void done(int inputs) {
        long now = System.nanoTime();
        if (out == null || now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        out.printf(
                java.util.Locale.ROOT,
                "[deepjunit] %s: %,d/%,d inputs (%d%%), %d s%n",
                what,
                inputs,
                total,
                100L * inputs / total,
                (now - start) / 1_000_000_000L);
    }
}
