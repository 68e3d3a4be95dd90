package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.model.NeuronValues;

/**
 * How a model's coverage grew input by input, the data of the coverage-growth plot: per neuron the ordinal of the
 * first input that covered it under NC (at the one judgement the recordings asked for) and that put it among its
 * layer's top k (TKNC), and which inputs were generated. An ordinal counts the inputs recorded before, in the order
 * their batches reached this coverage; merging appends the other coverage's inputs after this one's, so the merged
 * curve is that of the inputs run one data file after another. With a profile, the ordinals of the first input
 * beyond each neuron's upper and lower corner give NBC and SNAC their curves too. KMNC is not followed: its growth
 * would need an ordinal per section, k per neuron. Guarded by its {@link ModelCoverage}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Growth {

    /** The ordinal of a neuron not covered yet. */
    public static final long NEVER = -1;

    /** The NC judgement of recordings that asked for different ones: their NC growth is not followed. */
    private static final String MIXED = "mixed";

    /** The NC judgement ("0.25 scaled") the NC ordinals are for; null before the first recording. */
    private String ncKey;

    /** The generated inputs as [from, to) ordinal ranges, in order. */
    private final List<long[]> generated = new ArrayList<>();

    Growth() {}

    void clear() {
        ncKey = null;
        generated.clear();
    }

    /** The NC judgement the curve of NC follows, such as "0.25 scaled"; empty when not one. */
    public String ncJudgement() {
        return ncKey == null || ncKey.equals(MIXED) ? "" : ncKey;
    }

    /** Whether the input of ordinal {@code ordinal} was generated ({@code @GeneratedInputs}). */
    public boolean generated(long ordinal) {
        for (long[] r : generated) {
            if (ordinal >= r[0] && ordinal < r[1]) {
                return true;
            }
        }
        return false;
    }

    /** The generated inputs as [from, to) ordinal ranges. */
    public List<long[]> generatedRanges() {
        return generated.stream().map(long[]::clone).toList();
    }

    /**
     * Notes a batch of {@code size} inputs from ordinal {@code from}, recorded under the NC judgements
     * {@code requested}, and returns whether NC ordinals are to be followed for it.
     */
    boolean batch(Set<String> requested, long from, int size, boolean isGenerated) {
        if (isGenerated && size > 0) {
            addRange(from, from + size);
        }
        String key = requested.size() == 1 ? requested.iterator().next() : MIXED;
        ncKey = ncKey == null || ncKey.equals(key) ? key : MIXED;
        return !ncKey.equals(MIXED);
    }

    private void addRange(long from, long to) {
        long[] last = generated.isEmpty() ? null : generated.get(generated.size() - 1);
        if (last != null && last[1] == from) {
            last[1] = to;
        } else {
            generated.add(new long[] {from, to});
        }
    }

    /**
     * Gives every neuron of {@code layer} that the batch covered first its ordinal: the first input of the batch,
     * from ordinal {@code from}, on which it passed the threshold. Computed the way the maxima are, so the input is
     * found; only neurons not covered before are looked for, so the search is paid once per neuron.
     */
    static void firstCovered(
            LayerCoverage layer, NeuronValues.LayerValues values, double t, boolean scaled, long from) {
        double[] max = scaled ? layer.maxScaled : layer.maxRaw;
        float[] floats = values.floatMeans();
        double[] doubles = floats == null ? values.means() : null;
        double[] mins = values.mins();
        double[] maxs = values.maxs();
        int n = layer.neurons;
        for (int j = 0; j < n; j++) {
            if (layer.firstNc[j] != NEVER || max[j] == LayerCoverage.NONE_MAX || !(max[j] > t)) {
                continue;
            }
            for (int s = 0; s < values.batch(); s++) {
                double raw = floats != null ? floats[s * n + j] : doubles[s * n + j];
                double range = maxs[s] - mins[s];
                double v = !scaled ? raw : range > 0 ? (raw - mins[s]) / range : 0;
                if (v > t) {
                    layer.firstNc[j] = from + s;
                    break;
                }
            }
        }
    }

    /**
     * Gives every neuron of {@code layer} (which has a profile) that the batch took beyond a corner for the first time
     * the ordinal of the first input of the batch that did, as {@link #firstCovered} does for NC.
     */
    static void firstBeyondCorners(LayerCoverage layer, NeuronValues.LayerValues values, long from) {
        float[] floats = values.floatMeans();
        double[] doubles = floats == null ? values.means() : null;
        int n = layer.neurons;
        for (int j = 0; j < n; j++) {
            double high = layer.upperCorner(j);
            double low = layer.lowerCorner(j);
            boolean upper = layer.firstUpper[j] == NEVER && layer.maxRaw[j] > high;
            boolean lower =
                    layer.firstLower[j] == NEVER && layer.minRaw[j] != LayerCoverage.NONE_MIN && layer.minRaw[j] < low;
            for (int s = 0; s < values.batch() && (upper || lower); s++) {
                double raw = floats != null ? floats[s * n + j] : doubles[s * n + j];
                if (upper && raw > high) {
                    layer.firstUpper[j] = from + s;
                    upper = false;
                }
                if (lower && raw < low) {
                    layer.firstLower[j] = from + s;
                    lower = false;
                }
            }
        }
    }

    /** Appends {@code other}'s inputs after the {@code offset} inputs of this growth. */
    void merge(Growth other, long offset) {
        for (long[] r : other.generated) {
            addRange(offset + r[0], offset + r[1]);
        }
        if (other.ncKey != null) {
            ncKey = ncKey == null || ncKey.equals(other.ncKey) ? other.ncKey : MIXED;
        }
    }

    /** The earlier of two ordinals, {@code theirs} shifted by {@code offset}; {@link #NEVER} stays never. */
    static void mergeFirst(long[] mine, long[] theirs, long offset) {
        for (int j = 0; j < mine.length; j++) {
            if (theirs[j] != NEVER && (mine[j] == NEVER || offset + theirs[j] < mine[j])) {
                mine[j] = offset + theirs[j];
            }
        }
    }

    static long[] never(int n) {
        long[] a = new long[n];
        Arrays.fill(a, NEVER);
        return a;
    }

    // ---- data file ----

    void write(ObjectNode model) {
        ObjectNode g = model.putObject("growth");
        if (ncKey != null) {
            g.put("nc", ncKey);
        }
        ArrayNode ranges = g.putArray("generated");
        for (long[] r : generated) {
            ranges.addArray().add(r[0]).add(r[1]);
        }
    }

    void read(JsonNode model) {
        JsonNode g = model.path("growth");
        ncKey = g.hasNonNull("nc") ? g.get("nc").asText() : null;
        for (JsonNode r : g.path("generated")) {
            addRange(r.get(0).asLong(), r.get(1).asLong());
        }
    }

    static void writeLayer(ObjectNode layer, LayerCoverage l) {
        longs(layer.putArray("firstNc"), l.firstNc);
        longs(layer.putArray("firstTopK"), l.firstTopK);
        if (l.firstUpper != null) {
            longs(layer.putArray("firstUpper"), l.firstUpper);
            longs(layer.putArray("firstLower"), l.firstLower);
        }
    }

    /** Reads a layer's ordinals; a data file without them (an earlier version) leaves them never. */
    static void readLayer(JsonNode layer, LayerCoverage l) {
        read(layer.get("firstNc"), l.firstNc, l.name);
        read(layer.get("firstTopK"), l.firstTopK, l.name);
        if (l.firstUpper != null) {
            read(layer.get("firstUpper"), l.firstUpper, l.name);
            read(layer.get("firstLower"), l.firstLower, l.name);
        }
    }

    private static void longs(ArrayNode into, long[] values) {
        for (long v : values) {
            into.add(v);
        }
    }

    private static void read(JsonNode node, long[] into, String layer) {
        if (node == null) {
            return;
        }
        if (node.size() != into.length) {
            throw new IllegalArgumentException(
                    "Layer " + layer + ": " + node.size() + " growth ordinals, expected " + into.length);
        }
        for (int j = 0; j < into.length; j++) {
            into[j] = node.get(j).asLong();
        }
    }
}
