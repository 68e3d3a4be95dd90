package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Which invocations of a generated-inputs test to run again: one invocation index, or every invocation of one
 * seed id ({@code seed:<id>}).
 *
 * @param index  the invocation index (from 1), or -1
 * @param seedId the seed id, or -1
 */
@API(status = STABLE, since = "0.1")
public record Replay(int index, int seedId) {

    /** What {@link #parse} accepts, completing "expected …". */
    public static final String SYNTAX = "an invocation index >= 1, or seed:<seed id>";

    /** {@code 7} or {@code seed:4211}; throws {@link IllegalArgumentException} otherwise. */
    public static Replay parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("seed:")) {
            int id = Integer.parseInt(s.substring(5).trim());
            if (id >= 0) {
                return new Replay(-1, id);
            }
        } else {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return new Replay(n, -1);
            }
        }
        throw new IllegalArgumentException(SYNTAX);
    }

    /** Whether invocation {@code index}, made from seed {@code seedId}, is replayed. */
    public boolean matches(int index, int seedId) {
        return this.index > 0 ? index == this.index : seedId == this.seedId;
    }
}
