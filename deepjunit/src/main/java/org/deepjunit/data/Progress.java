package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * One line every ten seconds on a long campaign (a generation, a profile, an attack), quiet otherwise: what runs,
 * how much is done of how much, how long it has taken and about how long is left at the pace so far.
 *
 * <pre>
 * [deepjunit] PGD-20 (L∞, ε=0.1) on lenet5: 1,280/10,000 inputs (12%), 10 s, about 68 s left
 * </pre>
 */
@API(status = INTERNAL, since = "0.6")
public final class Progress {

    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final String unit;
    private final LongSupplier clock;
    private final long start;
    private long last;

    /** Lines to {@code out} (none when null) about {@code total} {@code unit}s of {@code what}. */
    public Progress(PrintStream out, String what, long total, String unit) {
        this(out, what, total, unit, System::nanoTime);
    }

    Progress(PrintStream out, String what, long total, String unit, LongSupplier clock) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.unit = unit;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /** {@code done} of the total are finished; prints a line when ten seconds passed since the last one. */
    public synchronized void done(long done) {
        long now = clock.getAsLong();
        if (out == null || now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        long elapsed = (now - start) / 1_000_000_000L;
        String left = done > 0 && done < total
                ? String.format(
                        Locale.ROOT,
                        ", about %d s left",
                        Math.round((double) (now - start) / done * (total - done) / 1e9))
                : "";
        out.printf(
                Locale.ROOT,
                "[deepjunit] %s: %,d/%,d %s (%d%%), %d s%s%n",
                what,
                done,
                total,
                unit,
                total > 0 ? 100L * done / total : 100,
                elapsed,
                left);
    }
}
