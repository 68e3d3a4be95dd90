package org.deepjunit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepjunit.data.AtomicFiles;

/**
 * The figures of a report, kept in it as {@value #FILE} with those of the run before (and, with a quality history
 * file, beside it: {@link CoverageReportWriter#write(NeuronCoverageReport, Path, Path, ReportFolder.Renderer)}), so
 * that the next report's front page can show a trend per model and criterion. The report of a run is rendered once per Surefire fork; a
 * report of the same run compares with the run before it, not with its own earlier forks.
 *
 * @param runId    the run measured ("" when unknown: then every report is a run of its own)
 * @param created  when, as ISO-8601 text
 * @param figures  per model, per criterion label, the ratio (or the count of a criterion without a total)
 * @param previous the run before, or null
 */
record RunSummary(String runId, String created, Map<String, Map<String, Double>> figures, RunSummary previous) {

    static final String FILE = "deepjunit-summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures of {@code report}, with the run before taken from the summary of the report it replaces. */
    static RunSummary of(NeuronCoverageReport report, RunSummary replaced) {
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        for (ModelEntry m : report.models()) {
            Map<String, Double> byCriterion = new LinkedHashMap<>();
            for (CriterionValue c : m.criteria()) {
                double v = c.isCount() ? c.covered() : c.ratio();
                if (!Double.isNaN(v)) { // a criterion without units has no figure to compare
                    byCriterion.put(c.criterion(), v);
                }
            }
            figures.put(m.name(), byCriterion);
        }
        RunSummary previous = replaced == null
                ? null
                : !report.runId().isEmpty() && report.runId().equals(replaced.runId()) ? replaced.previous() : replaced;
        return new RunSummary(report.runId(), report.created().toString(), figures, previous);
    }

    /** The figure of {@code criterion} of {@code model}, or null. */
    Double figure(String model, String criterion) {
        Map<String, Double> m = figures.get(model);
        return m == null ? null : m.get(criterion);
    }

    /** Of two summaries (either may be null), the one created later. */
    static RunSummary newer(RunSummary a, RunSummary b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Instant.parse(b.created()).isAfter(Instant.parse(a.created())) ? b : a;
    }

    /** The summary in {@code file}, or null when there is none or one that cannot be read (the trend is a nicety). */
    static RunSummary read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return fromJson(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes the summary to {@code file} atomically, creating its folder. */
    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(true)));
    }

    private ObjectNode toJson(boolean withPrevious) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId);
        root.put("created", created);
        ObjectNode models = root.putObject("figures");
        figures.forEach((model, byCriterion) -> {
            ObjectNode m = models.putObject(model);
            byCriterion.forEach(m::put);
        });
        if (withPrevious && previous != null) {
            root.set("previous", previous.toJson(false));
        }
        return root;
    }

    private static RunSummary fromJson(JsonNode root) {
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> ms = root.get("figures").fields(); ms.hasNext(); ) {
            Map.Entry<String, JsonNode> m = ms.next();
            Map<String, Double> byCriterion = new LinkedHashMap<>();
            m.getValue()
                    .fields()
                    .forEachRemaining(
                            c -> byCriterion.put(c.getKey(), c.getValue().asDouble()));
            figures.put(m.getKey(), byCriterion);
        }
        RunSummary previous = root.hasNonNull("previous") ? fromJson(root.get("previous")) : null;
        String created = Instant.parse(root.get("created").asText()).toString(); // a summary of no time is unreadable
        return new RunSummary(root.get("runId").asText(), created, figures, previous);
    }
}
