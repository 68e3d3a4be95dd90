package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;
import org.deepjunit.model.LayerKind;

/**
 * What one layer's neurons reached, everything merging needs: per neuron the largest scaled value, the largest
 * and smallest raw value, the KMNC sections hit and whether it was ever among its layer's top-k. Merges are
 * max/min/OR, so any order of merging gives the same result. Not thread-safe: {@link ModelCoverage} guards it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LayerCoverage {

    /** Stands for "no value yet" in the maxima (finite, so the data file stays plain JSON). */
    static final double NONE_MAX = -Double.MAX_VALUE;

    static final double NONE_MIN = Double.MAX_VALUE;

    final String name;
    final LayerKind kind;
    final int neurons;
    final int k;
    final double[] maxScaled;
    final double[] maxRaw;
    final double[] minRaw;
    /** KMNC sections, bit {@code neuron * k + section}. */
    final long[] sections;

    final boolean[] topK;
    /** Profile bounds, or null without a profile. */
    final double[] low;

    final double[] high;

    /** Per neuron the ordinal of the input that first covered it (NC) and first put it in the top k; see Growth. */
    final long[] firstNc;

    final long[] firstTopK;

    /**
     * With a profile, per neuron the ordinal of the first input above its upper corner (NBC, SNAC) and below its lower
     * corner (NBC); null without one.
     */
    final long[] firstUpper;

    final long[] firstLower;

    LayerCoverage(String name, LayerKind kind, int neurons, int k, double[] low, double[] high) {
        this.name = name;
        this.kind = kind;
        this.neurons = neurons;
        this.k = k;
        this.maxScaled = filled(neurons, NONE_MAX);
        this.maxRaw = filled(neurons, NONE_MAX);
        this.minRaw = filled(neurons, NONE_MIN);
        this.sections = new long[(int) (((long) neurons * k + 63) / 64)];
        this.topK = new boolean[neurons];
        this.low = low;
        this.high = high;
        this.firstNc = Growth.never(neurons);
        this.firstTopK = Growth.never(neurons);
        this.firstUpper = high == null ? null : Growth.never(neurons);
        this.firstLower = high == null ? null : Growth.never(neurons);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Back to the state of a new layer coverage, reusing the arrays. */
    void clear() {
        Arrays.fill(maxScaled, NONE_MAX);
        Arrays.fill(maxRaw, NONE_MAX);
        Arrays.fill(minRaw, NONE_MIN);
        Arrays.fill(sections, 0L);
        Arrays.fill(topK, false);
        Arrays.fill(firstNc, Growth.NEVER);
        Arrays.fill(firstTopK, Growth.NEVER);
        if (firstUpper != null) {
            Arrays.fill(firstUpper, Growth.NEVER);
            Arrays.fill(firstLower, Growth.NEVER);
        }
    }

    LayerCoverage emptyCopy() {
        return new LayerCoverage(name, kind, neurons, k, low, high);
    }

    public String name() {
        return name;
    }

    public LayerKind kind() {
        return kind;
    }

    public int neurons() {
        return neurons;
    }

    /** The largest DeepXplore-scaled value neuron {@code j} reached; NaN if never recorded. */
    public double maxScaled(int j) {
        return maxScaled[j] == NONE_MAX ? Double.NaN : maxScaled[j];
    }

    /** The largest raw value neuron {@code j} reached; NaN if never recorded. */
    public double maxRaw(int j) {
        return maxRaw[j] == NONE_MAX ? Double.NaN : maxRaw[j];
    }

    /** The smallest raw value neuron {@code j} reached; NaN if never recorded. */
    public double minRaw(int j) {
        return minRaw[j] == NONE_MIN ? Double.NaN : minRaw[j];
    }

    /** The ordinal of the first input that covered neuron {@code j} under NC, or {@link Growth#NEVER}. */
    public long firstCovered(int j) {
        return firstNc[j];
    }

    /** The ordinal of the first input that put neuron {@code j} among its layer's top k, or {@link Growth#NEVER}. */
    public long firstInTopK(int j) {
        return firstTopK[j];
    }

    /**
     * The ordinal of the first input that took neuron {@code j} above its profile's upper corner (NBC, SNAC), or
     * {@link Growth#NEVER} (also without a profile).
     */
    public long firstAboveCorner(int j) {
        return firstUpper == null ? Growth.NEVER : firstUpper[j];
    }

    /** The ordinal of the first input that took neuron {@code j} below its lower corner (NBC), or never. */
    public long firstBelowCorner(int j) {
        return firstLower == null ? Growth.NEVER : firstLower[j];
    }

    /** The upper corner's bound: a value above it covers the corner; +∞ without a profile. */
    double upperCorner(int j) {
        return high == null ? Double.POSITIVE_INFINITY : high[j] + Profile.slack(low[j], high[j]);
    }

    /** The lower corner's bound: a value below it covers the corner; −∞ without a profile. */
    double lowerCorner(int j) {
        return high == null ? Double.NEGATIVE_INFINITY : low[j] - Profile.slack(low[j], high[j]);
    }

    boolean sectionHit(int neuron, int section) {
        int bit = neuron * k + section;
        return (sections[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    void hitSection(int neuron, int section) {
        int bit = neuron * k + section;
        sections[bit >>> 6] |= 1L << (bit & 63);
    }

    /** Whether NC counts neuron {@code j} at threshold {@code t}: its largest (scaled or raw) value is &gt; t. */
    public boolean covered(int j, double t, boolean scaled) {
        double v = scaled ? maxScaled[j] : maxRaw[j];
        return v != NONE_MAX && v > t;
    }

    /** [covered, total] of {@code criterion} over this layer (TKNP is a model-level count: use the model). */
    public long[] count(org.deepjunit.coverage.Criterion criterion, double t, boolean scaled) {
        long covered = 0;
        long total;
        switch (criterion) {
            case NC -> {
                total = neurons;
                for (int j = 0; j < neurons; j++) {
                    if (covered(j, t, scaled)) {
                        covered++;
                    }
                }
            }
            case KMNC -> {
                total = (long) neurons * k;
                for (long word : sections) {
                    covered += Long.bitCount(word);
                }
            }
            case NBC, SNAC -> {
                total = criterion == org.deepjunit.coverage.Criterion.NBC ? 2L * neurons : neurons;
                for (int j = 0; j < neurons; j++) {
                    if (high == null) {
                        break;
                    }
                    if (maxRaw[j] != NONE_MAX && maxRaw[j] > upperCorner(j)) {
                        covered++;
                    }
                    if (criterion == org.deepjunit.coverage.Criterion.NBC
                            && minRaw[j] != NONE_MIN
                            && minRaw[j] < lowerCorner(j)) {
                        covered++;
                    }
                }
            }
            case TKNC -> {
                total = neurons;
                for (boolean b : topK) {
                    if (b) {
                        covered++;
                    }
                }
            }
            default -> throw new IllegalArgumentException(criterion + " is counted per model, not per layer");
        }
        return new long[] {covered, total};
    }

    /** Merges {@code other} in, its inputs counted after the {@code offset} inputs recorded here. */
    void merge(LayerCoverage other, long offset) {
        if (other.neurons != neurons || other.k != k) {
            throw new IllegalArgumentException("Layer " + name + " has " + neurons + " neurons and k=" + k
                    + " here but " + other.neurons + " neurons and k=" + other.k + " in the merged data");
        }
        for (int j = 0; j < neurons; j++) {
            maxScaled[j] = Math.max(maxScaled[j], other.maxScaled[j]);
            maxRaw[j] = Math.max(maxRaw[j], other.maxRaw[j]);
            minRaw[j] = Math.min(minRaw[j], other.minRaw[j]);
            topK[j] |= other.topK[j];
        }
        for (int i = 0; i < sections.length; i++) {
            sections[i] |= other.sections[i];
        }
        Growth.mergeFirst(firstNc, other.firstNc, offset);
        Growth.mergeFirst(firstTopK, other.firstTopK, offset);
        if (firstUpper != null && other.firstUpper != null) {
            Growth.mergeFirst(firstUpper, other.firstUpper, offset);
            Growth.mergeFirst(firstLower, other.firstLower, offset);
        }
    }
}
