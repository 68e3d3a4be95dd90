package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.deepjunit.model.Layer;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.NeuronValues;

/**
 * One model's coverage under one {@link RecordingSpec}: its counted layers' {@link LayerCoverage} and the set of
 * top-k patterns (TKNP) seen. Thread-safe; merging is order-independent.
 *
 * <p>Top-k: per input and layer, the k neurons of largest raw value; ties go to the lower neuron index. Per-input
 * min–max scaling keeps the order within a layer, so scaled values give the same top-k. A TKNP pattern is a
 * 64-bit hash of one input's top-k sets of all counted layers.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ModelCoverage {

    /** Values per block that {@link #topK} skips when none can enter the top k. */
    private static final int TOP_K_BLOCK = 512;

    private final String name;
    private final String fingerprint;
    private final RecordingSpec spec;
    private final Profile profile;
    private final String key;
    private final Map<String, LayerCoverage> layers = new LinkedHashMap<>();
    private final Set<Long> patterns = new HashSet<>();
    private final Set<String> requested = new TreeSet<>();
    private final Set<ModelFiles.Entry> files =
            new TreeSet<>(Comparator.comparing(ModelFiles.Entry::path).thenComparing(ModelFiles.Entry::sha256));
    private final Growth growth = new Growth();
    private long samples;

    /** Empty coverage of the given counted layers; {@code profile} may be null. */
    public ModelCoverage(String name, String fingerprint, RecordingSpec spec, Profile profile, List<Layer> counted) {
        this.name = name;
        this.fingerprint = fingerprint;
        this.spec = spec;
        this.profile = profile;
        this.key = key(name, fingerprint, spec);
        for (Layer layer : counted) {
            double[] low = profile == null ? null : profile.low(layer.name());
            double[] high = profile == null ? null : profile.high(layer.name());
            layers.put(
                    layer.name(),
                    new LayerCoverage(layer.name(), layer.kind(), layer.neuronCount(), spec.k(), low, high));
        }
    }

    private ModelCoverage(ModelCoverage like) {
        this.name = like.name;
        this.fingerprint = like.fingerprint;
        this.spec = like.spec;
        this.profile = like.profile;
        this.key = like.key;
        like.layers.forEach((n, l) -> layers.put(n, l.emptyCopy()));
    }

    /** Back to the state of a new coverage with the same identity, layers and profile, reusing its arrays. */
    synchronized void clear() {
        layers.values().forEach(LayerCoverage::clear);
        patterns.clear();
        requested.clear();
        files.clear();
        growth.clear();
        samples = 0;
    }

    /** An empty coverage with the same identity, layers and profile. */
    public ModelCoverage emptyCopy() {
        return new ModelCoverage(this);
    }

    /** Key in {@link CoverageData}: name, fingerprint and spec id. */
    public String key() {
        return key;
    }

    static String key(String name, String fingerprint, RecordingSpec spec) {
        return name + "|" + fingerprint + "|" + spec.id();
    }

    public String name() {
        return name;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public RecordingSpec spec() {
        return spec;
    }

    public Profile profile() {
        return profile;
    }

    public synchronized long samples() {
        return samples;
    }

    /** The counted layers, in model order. Read their values only while no recording runs. */
    public Map<String, LayerCoverage> layers() {
        return Collections.unmodifiableMap(layers);
    }

    /** The distinct TKNP patterns seen. */
    public synchronized int patternCount() {
        return patterns.size();
    }

    synchronized Set<Long> patterns() {
        return new TreeSet<>(patterns);
    }

    /** Notes an NC judgement ("t=0.25 scaled") someone asked for, so the run's report can use it. */
    public synchronized void request(double threshold, boolean scaled) {
        requested.add(requestKey(threshold, scaled));
    }

    static String requestKey(double threshold, boolean scaled) {
        return threshold + (scaled ? " scaled" : " unscaled");
    }

    public synchronized Set<String> requested() {
        return new TreeSet<>(requested);
    }

    /**
     * Notes the files the model was loaded from, so that the report says which weights were measured. Models with
     * the same fingerprint have the same weights; files that differ only in packaging are all kept.
     */
    public synchronized void addFiles(Collection<ModelFiles.Entry> loadedFrom) {
        files.addAll(loadedFrom);
    }

    /** The files the recorded model was loaded from with their SHA-256, sorted by path; empty for in-memory models. */
    public synchronized List<ModelFiles.Entry> files() {
        return List.copyOf(files);
    }

    /** How the coverage grew input by input. Read it only while no recording runs. */
    public Growth growth() {
        return growth;
    }

    /** Records one forward pass of inputs from a test, not generated ones: {@link #record(NeuronValues, boolean)}. */
    public void record(NeuronValues values) {
        record(values, false);
    }

    /**
     * Records one forward pass into this coverage, its inputs {@code generated} by {@code @GeneratedInputs} or not.
     * Not synchronized: record into a private {@link #emptyCopy()} and {@link #merge} it where others see it.
     */
    public void record(NeuronValues values, boolean generated) {
        int batch = -1;
        long[] hashes = null;
        int layerIndex = 0;
        for (LayerCoverage lc : layers.values()) {
            NeuronValues.LayerValues lv = values.layer(lc.name);
            if (lv.neurons() != lc.neurons) {
                throw new IllegalArgumentException("Layer " + lc.name + " of model " + name + " has " + lv.neurons()
                        + " neuron values, expected " + lc.neurons);
            }
            if (hashes == null) {
                batch = lv.batch();
                hashes = new long[batch];
            }
            recordLayer(lc, lv, hashes, layerIndex++);
        }
        if (hashes != null && growth.batch(requested, samples, batch, generated)) {
            String[] judgement = growth.ncJudgement().split(" ");
            double t = Double.parseDouble(judgement[0]);
            boolean scaled = judgement[1].equals("scaled");
            for (LayerCoverage lc : layers.values()) {
                Growth.firstCovered(lc, values.layer(lc.name), t, scaled, samples);
            }
        }
        if (hashes != null) {
            for (LayerCoverage lc : layers.values()) {
                if (lc.firstUpper != null) {
                    Growth.firstBeyondCorners(lc, values.layer(lc.name), samples);
                }
            }
            samples += batch;
            if (spec.hasTopK()) {
                for (long h : hashes) {
                    patterns.add(h);
                }
            }
        }
    }

    private void recordLayer(LayerCoverage lc, NeuronValues.LayerValues lv, long[] hashes, int layerIndex) {
        int n = lc.neurons;
        int top = Math.min(spec.topK(), n);
        int[] best = new int[top];
        double[] bestValue = new double[top];
        float[] floats = lv.floatMeans();
        double[] doubles = floats == null ? lv.means() : null;
        double[] mins = lv.mins();
        double[] maxs = lv.maxs();
        double[] row = new double[n];
        for (int s = 0; s < lv.batch(); s++) {
            int base = s * n;
            if (floats != null) {
                for (int j = 0; j < n; j++) {
                    row[j] = floats[base + j];
                }
            } else {
                System.arraycopy(doubles, base, row, 0, n);
            }
            recordExtremes(lc, row, mins[s], maxs[s]);
            if (lc.low != null) {
                recordSections(lc, row);
            }
            if (top == 0) {
                continue; // no TKNC nor TKNP: neither the top k nor the pattern
            }
            int filled = topK(row, top, best, bestValue);
            int[] chosen = java.util.Arrays.copyOf(best, filled);
            java.util.Arrays.sort(chosen);
            long h = hashes[s] ^ mix(0x9E3779B97F4A7C15L * (layerIndex + 1));
            for (int j : chosen) {
                lc.topK[j] = true;
                if (lc.firstTopK[j] == Growth.NEVER) {
                    lc.firstTopK[j] = samples + s;
                }
                h = mix(h ^ (((long) layerIndex << 32) | j));
            }
            hashes[s] = h;
        }
    }

    /** One input's maxima and minima; branch-free, so that the JIT can vectorise it. */
    private static void recordExtremes(LayerCoverage lc, double[] row, double min, double max) {
        double[] maxScaled = lc.maxScaled;
        double[] maxRaw = lc.maxRaw;
        double[] minRaw = lc.minRaw;
        double range = max - min;
        if (range > 0) {
            for (int j = 0; j < row.length; j++) {
                double raw = row[j];
                maxScaled[j] = Math.max(maxScaled[j], (raw - min) / range);
                maxRaw[j] = Math.max(maxRaw[j], raw);
                minRaw[j] = Math.min(minRaw[j], raw);
            }
        } else {
            for (int j = 0; j < row.length; j++) {
                double raw = row[j];
                maxScaled[j] = Math.max(maxScaled[j], 0);
                maxRaw[j] = Math.max(maxRaw[j], raw);
                minRaw[j] = Math.min(minRaw[j], raw);
            }
        }
    }

    /**
     * Fills {@code best} with the indices of the {@code top} largest values of one input, largest first; ties go to
     * the lower index (only strictly greater values move up). Returns how many were filled. Once {@code top} are
     * filled, a block whose largest value is not above the k-th is skipped: on a wide layer almost every block is, and
     * its maximum is a loop without branches.
     */
    static int topK(double[] row, int top, int[] best, double[] bestValue) {
        int filled = 0;
        double kth = Double.NEGATIVE_INFINITY;
        for (int from = 0; from < row.length; from += TOP_K_BLOCK) {
            int to = Math.min(row.length, from + TOP_K_BLOCK);
            if (filled == top && blockMax(row, from, to) <= kth) {
                continue; // a NaN maximum is not <= kth, so such a block is scanned as before
            }
            for (int j = from; j < to; j++) {
                double raw = row[j];
                if (raw > kth || filled < top) {
                    int p = filled < top ? filled++ : top - 1;
                    while (p > 0 && raw > bestValue[p - 1]) {
                        best[p] = best[p - 1];
                        bestValue[p] = bestValue[p - 1];
                        p--;
                    }
                    best[p] = j;
                    bestValue[p] = raw;
                    kth = filled == top ? bestValue[top - 1] : Double.NEGATIVE_INFINITY;
                }
            }
        }
        return filled;
    }

    private static double blockMax(double[] row, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            max = Math.max(max, row[j]);
        }
        return max;
    }

    /** KMNC sections hit by one input, against the profile's bounds. */
    private static void recordSections(LayerCoverage lc, double[] row) {
        int k = lc.k;
        for (int j = 0; j < row.length; j++) {
            double raw = row[j];
            double lo = lc.low[j];
            double hi = lc.high[j];
            double slack = Profile.slack(lo, hi);
            if (raw >= lo - slack && raw <= hi + slack) {
                int section = hi > lo ? (int) Math.max(0, Math.min(k - 1, Math.floor((raw - lo) / (hi - lo) * k))) : 0;
                lc.hitSection(j, section);
            }
        }
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Adds {@code other} (same key) into this coverage. */
    public void merge(ModelCoverage other) {
        if (other == this) {
            return;
        }
        if (!other.key.equals(key)) {
            throw new IllegalArgumentException("Cannot merge coverage of " + other.key() + " into " + key());
        }
        // lock in a fixed order to merge under concurrency without deadlock
        Object first = System.identityHashCode(this) <= System.identityHashCode(other) ? this : other;
        Object second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                for (LayerCoverage theirs : other.layers.values()) {
                    LayerCoverage mine = layers.get(theirs.name);
                    if (mine == null) {
                        throw new IllegalArgumentException("Model " + name + " has no layer " + theirs.name);
                    }
                    mine.merge(theirs, samples);
                }
                growth.merge(other.growth, samples);
                patterns.addAll(other.patterns);
                requested.addAll(other.requested);
                files.addAll(other.files);
                samples += other.samples;
            }
        }
    }

    /** [covered, total] of a criterion over the whole model; TKNP gives [patterns, 0]. */
    public synchronized long[] count(Criterion criterion, double t, boolean scaled) {
        if (criterion == Criterion.TKNP) {
            return new long[] {patterns.size(), 0};
        }
        long covered = 0;
        long total = 0;
        for (LayerCoverage lc : layers.values()) {
            long[] c = lc.count(criterion, t, scaled);
            covered += c[0];
            total += c[1];
        }
        return new long[] {covered, total};
    }

    /** [covered, total] of a criterion over one layer. */
    public synchronized long[] count(String layer, Criterion criterion, double t, boolean scaled) {
        return layers.get(layer).count(criterion, t, scaled);
    }

    // for the data file
    synchronized void restore(long samples, Set<Long> patterns, Set<String> requested) {
        this.samples = samples;
        this.patterns.addAll(patterns);
        this.requested.addAll(requested);
    }
}
