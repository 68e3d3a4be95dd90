package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A run's time budget ({@code @GeneratedInputs(maxTime)}), which a generator checks between its steps so that a
 * run overshoots the budget by at most one step.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Deadline {

    private static final Deadline NONE = new Deadline(0, false);

    private final long endNanos;
    private final boolean bounded;

    private Deadline(long endNanos, boolean bounded) {
        this.endNanos = endNanos;
        this.bounded = bounded;
    }

    /** No time budget. */
    public static Deadline none() {
        return NONE;
    }

    /** A budget of {@code budget} from now; {@code null} is none. */
    public static Deadline after(Duration budget) {
        return budget == null ? NONE : new Deadline(System.nanoTime() + budget.toNanos(), true);
    }

    /** Whether the budget is spent. */
    public boolean passed() {
        return bounded && System.nanoTime() - endNanos > 0;
    }
}
