package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;

/**
 * Coverage of any number of models, keyed by model name, fingerprint and recording spec; plus gate verdicts.
 * Thread-safe. Merging is exact and order-independent (max, min, OR, union, sum of sample counts), so coverage
 * recorded in parallel, in any order or in several JVMs and merged gives the same figures.
 *
 * <p>The data file ({@value #FORMAT} format, JSON) keeps everything merging needs: per neuron the maxima and
 * minima, KMNC sections hit, top-k membership, the profile bounds, and per model the TKNP pattern hashes and the
 * files it was loaded from with their SHA-256.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CoverageData {

    public static final String FORMAT = "deepjunit-coverage/1";

    /** A gate verdict recorded with the data: which model key and element, whether it held, JaCoCo-style message. */
    public record Verdict(String modelKey, String element, boolean passed, String message) {}

    /**
     * A model a test class declared but never ran where DeepJUnit could observe it: its coverage is unknown, which
     * must not read as "nothing to check".
     *
     * @param model        the model's name, or the declared name when the model was never created
     * @param declaredName its {@code @TestModel} name
     * @param testClass    the declaring test class, fully qualified
     */
    public record Unobserved(String model, String declaredName, String testClass) {
        /** "not observed during com.acme.LeNetTest: no forward pass of @TestModel "lenet5" reached DeepJUnit". */
        public String reason() {
            return "not observed during " + testClass + ": no forward pass of @TestModel \"" + declaredName
                    + "\" reached DeepJUnit (run it in a test of that class, on the test's thread)";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentMap<String, ModelCoverage> models = new ConcurrentHashMap<>();
    private final Set<Verdict> verdicts = ConcurrentHashMap.newKeySet();
    private final Set<Unobserved> unobserved = ConcurrentHashMap.newKeySet();

    /** The model's coverage, created by {@code create} the first time its key is seen. */
    public ModelCoverage model(String key, Supplier<ModelCoverage> create) {
        return models.computeIfAbsent(key, k -> create.get());
    }

    /** Merges one model's coverage in (creating its entry as an empty copy when new). */
    public void add(ModelCoverage coverage) {
        models.computeIfAbsent(coverage.key(), k -> coverage.emptyCopy()).merge(coverage);
    }

    public void addVerdict(Verdict verdict) {
        verdicts.add(verdict);
    }

    public void addUnobserved(Unobserved model) {
        unobserved.add(model);
    }

    /**
     * Reads {@code files} and merges them, in any order (merging is order-independent): the data of Surefire forks,
     * reactor modules or CI shards.
     *
     * @param whose how messages name the files after their path, e.g. {@code " of this run"}; may be empty
     * @throws IOException naming the first file that cannot be read as coverage data, and what to do
     */
    public static CoverageData readAll(List<Path> files, String whose) throws IOException {
        CoverageData merged = new CoverageData();
        for (Path f : files) {
            try {
                merged.merge(read(f));
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        "the data file " + f + whose + " is corrupt (" + e.getMessage()
                                + "); the report would miss its coverage. Delete it and run the tests again",
                        e);
            }
        }
        return merged;
    }

    /** Merges all of {@code other} in. */
    public void merge(CoverageData other) {
        for (ModelCoverage m : other.models.values()) {
            add(m);
        }
        verdicts.addAll(other.verdicts);
        unobserved.addAll(other.unobserved);
    }

    /** Whether nothing was recorded: no coverage and no unobserved model. */
    public boolean isEmpty() {
        return models.isEmpty() && unobserved.isEmpty();
    }

    /** The models sorted by key. */
    public List<ModelCoverage> models() {
        return new ArrayList<>(new TreeMap<>(models).values());
    }

    /** The declared models no forward pass reached, sorted by model, class and declared name. */
    public List<Unobserved> unobserved() {
        List<Unobserved> list = new ArrayList<>(unobserved);
        list.sort(java.util.Comparator.comparing(Unobserved::model)
                .thenComparing(Unobserved::testClass)
                .thenComparing(Unobserved::declaredName));
        return list;
    }

    public List<Verdict> verdicts() {
        List<Verdict> list = new ArrayList<>(verdicts);
        list.sort(java.util.Comparator.comparing(Verdict::modelKey)
                .thenComparing(Verdict::element)
                .thenComparing(Verdict::message));
        return list;
    }

    /**
     * Names for display: the model's own name when no other entry has it, else the name with its fingerprint's
     * and spec's ids, so that the names do not depend on the order models were seen.
     */
    public Map<String, String> displayNames() {
        Map<String, Integer> counts = new HashMap<>();
        for (ModelCoverage m : models.values()) {
            counts.merge(m.name(), 1, Integer::sum);
        }
        Map<String, String> names = new TreeMap<>();
        for (ModelCoverage m : models.values()) {
            names.put(
                    m.key(),
                    counts.get(m.name()) == 1
                            ? m.name()
                            : m.name() + "~"
                                    + m.fingerprint()
                                            .substring(
                                                    0,
                                                    Math.min(8, m.fingerprint().length())) + "~"
                                    + m.spec().id().substring(0, 6));
        }
        return names;
    }

    // ---- data file ----

    /** The data as JSON. */
    public synchronized ObjectNode toJson() {
        return CoverageDataJson.toJson(this);
    }

    /** Reads data written by {@link #toJson()}. */
    public static CoverageData fromJson(JsonNode root) {
        return CoverageDataJson.fromJson(root);
    }

    /** Writes the data file atomically: a temporary sibling, then an atomic move over {@code file}. */
    public void write(Path file) throws IOException {
        writeAtomically(file, toJson());
    }

    /** Writes JSON to a temporary sibling of {@code file} and moves it over {@code file} atomically. */
    static void writeAtomically(Path file, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        try {
            AtomicFiles.write(file, bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a data file. */
    public static CoverageData read(Path file) throws IOException {
        return fromJson(JSON.readTree(file.toFile()));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
