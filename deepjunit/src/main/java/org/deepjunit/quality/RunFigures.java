package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.DataFormatException;
import org.deepjunit.data.Json;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Metrics;

/**
 * The quality figures this JVM's {@code @ModelQuality} tests measured in the run, kept as a data file beside the
 * coverage data ({@code <reportDir>-data/quality/<runId>-<jvmId>.json}) so that the Maven plugin's {@code check}
 * goal can judge them with the rules in the POM ({@link QualityRule}) after the tests, across Surefire forks and CI
 * shards. The file is rewritten whole (atomically) after every test; files of other runs are deleted at the first
 * write, as coverage data files are.
 */
@API(status = INTERNAL, since = "0.9")
public final class RunFigures {

    /** One figure: {@code metric} of {@code model} on {@code slice} ({@code n} samples), measured by {@code test}. */
    public record Figure(String test, String model, String metric, String slice, double value, long n) {}

    private static final Map<Path, RunFigures> RUNS = new ConcurrentHashMap<>();

    private final Path file;
    private final List<Figure> figures = new ArrayList<>();
    private boolean cleaned;

    private RunFigures(Path file) {
        this.file = file;
    }

    /** This JVM's figures for the run whose report folder is {@code reportDir}. */
    public static RunFigures of(Path reportDir) {
        Path dir = dir(reportDir.toAbsolutePath().normalize());
        return RUNS.computeIfAbsent(
                dir, d -> new RunFigures(d.resolve(CoverageRun.runId() + "-" + CoverageRun.jvmId() + ".json")));
    }

    /** The folder of a run's figure files: {@code quality} in the coverage data folder. */
    public static Path dir(Path reportDir) {
        return CoverageRun.dataDir(reportDir).resolve("quality");
    }

    /**
     * The figures of one evaluation: those the test measured ({@code "metric[slice]"} → value, as reported) and every
     * built-in metric that applies to all samples (those needing probabilities only when the scores are), so that a
     * POM can gate a metric no test gated.
     */
    public static List<Figure> of(String test, Evaluation e, Map<String, Double> measured, List<GateVerdict> verdicts) {
        Map<String, Double> all = new LinkedHashMap<>(measured);
        for (Metric m : Metrics.builtIn()) {
            try {
                all.putIfAbsent(m.name() + "[" + Evaluation.ALL + "]", e.value(m));
            } catch (IllegalArgumentException notApplicable) {
                // e.g. log loss of scores that are not probabilities, top-5 accuracy of 3 classes
            }
        }
        return measured(test, e, all, verdicts);
    }

    /**
     * The figures a test measured ({@code "metric[slice]"} → value): each one's n is its slice's size, from the
     * evaluation where it knows the slice, else from a gate on it (a test may gate a sliced copy, {@code
     * e.slicedBy(…)}, of the evaluation it made).
     */
    public static List<Figure> measured(
            String test, Evaluation e, Map<String, Double> figures, List<GateVerdict> verdicts) {
        Map<String, Long> gatedSizes = new HashMap<>();
        verdicts.forEach(v -> gatedSizes.putIfAbsent(v.slice(), (long) v.n()));
        List<Figure> result = new ArrayList<>();
        figures.forEach((figure, value) -> {
            int bracket = figure.lastIndexOf('[');
            String slice = figure.substring(bracket + 1, figure.length() - 1);
            long n = e.slices().contains(slice)
                    ? e.indices(slice).length
                    : gatedSizes.getOrDefault(slice, (long) e.size());
            result.add(new Figure(test, e.model(), figure.substring(0, bracket), slice, value, n));
        });
        return result;
    }

    /**
     * Adds figures and rewrites this JVM's file, so that a JVM that dies later loses none of them.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public synchronized void add(List<Figure> more) {
        figures.addAll(more);
        try {
            Files.createDirectories(file.getParent());
            if (!cleaned) {
                cleaned = true;
                CoverageRun.deleteOtherRuns(file.getParent());
            }
            AtomicFiles.write(file, Json.write(Map.of("figures", figures)));
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(new IOException(
                    "Cannot write the run's quality figures to " + file + " (" + e.getMessage()
                            + "); make the folder writable or set deepjunit.report.dir to a writable folder",
                    e));
        }
    }

    /** Every figure in {@code files}, in order. */
    public static List<Figure> readAll(List<Path> files) throws IOException {
        List<Figure> all = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            JsonNode figures;
            try {
                figures = Json.readTree(bytes).path("figures");
            } catch (IOException e) {
                throw new DataFormatException(f + " is not a DeepJUnit quality figures file (" + e.getMessage()
                        + "); delete it and run the tests again");
            }
            if (!figures.isArray()) {
                throw new DataFormatException(f + " has no \"figures\" array: not a DeepJUnit quality figures file;"
                        + " delete it and run the tests again");
            }
            for (JsonNode n : figures) {
                all.add(new Figure(
                        n.path("test").asText(),
                        n.path("model").asText(),
                        n.path("metric").asText(),
                        n.path("slice").asText(),
                        n.path("value").asDouble(Double.NaN),
                        n.path("n").asLong()));
            }
        }
        return all;
    }
}
