package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Random;
import org.apiguardian.api.API;

/** Random generators derived from a run seed, so that each input's randomness does not depend on batching or timing. */
@API(status = INTERNAL, since = "0.1")
public final class Rngs {

    private Rngs() {}

    /** The generator of seed input {@code seedId} in the run {@code runSeed}, for {@code purpose}. */
    public static Random forSeed(long runSeed, long seedId, long purpose) {
        return new Random(mix(mix(runSeed ^ 0x5DEECE66DL) + seedId * 0x9E3779B97F4A7C15L + purpose));
    }

    /** SplitMix64's finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code count} distinct indices of {@code [0, size)} in a seeded random order (the first {@code count} of a shuffle). */
    public static int[] sample(int size, int count, long runSeed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        Random r = new Random(mix(runSeed));
        int n = Math.min(count, size);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
