package org.deepjunit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.QualityKeys;
import org.deepjunit.quality.RunFigures;
import org.deepjunit.quality.history.Commit;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.quality.metrics.ConfusionMatrix;
import org.deepjunit.report.ReportKeys;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's history store, opened once per run (its root context) and closed when the run ends, the histories this
 * JVM wrote to (for the quality pages at the end: {@link #written()}), and how a test's evaluations become
 * history records: every figure ({@code metric}), every change a gate measured ({@code change}, with its
 * interval) or value it bounded ({@code gate}), each with its gate's verdict, and the confusion matrix
 * ({@code confusion}, one {@code "true,predicted"} count per non-empty cell).
 */
final class QualityHistory implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QualityHistory.class);

    /** The histories of this JVM, across its runs' root stores, for the pages at the end of the run. */
    private static final Map<List<Object>, Written> WRITTEN = Collections.synchronizedMap(new LinkedHashMap<>());

    private final Map<String, HistoryStore> stores = new ConcurrentHashMap<>();
    private final Optional<String> commit = Commit.detect(Path.of("").toAbsolutePath());

    /** The root context's instance. */
    static QualityHistory of(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(QualityHistory.class, k -> new QualityHistory(), QualityHistory.class);
    }

    /**
     * Records one evaluation of {@code test} with its gates' verdicts and {@code more} figures about it (fairness),
     * unless the configuration keeps no history.
     */
    void record(
            Settings settings,
            String test,
            Evaluation e,
            Map<String, Double> figures,
            List<GateVerdict> verdicts,
            List<FigureRecord> more) {
        List<FigureRecord> records = new ArrayList<>();
        RunFigures.measured(test, e, figures, verdicts)
                .forEach(f -> records.add(FigureRecord.of("metric", f.metric(), f.slice(), f.value(), f.n())));
        // the confusion matrix, as mergeable counts: "true,predicted" → count, for the report's heat map
        ConfusionMatrix confusion = ConfusionMatrix.of(e.predictions());
        for (int t = 0; t < confusion.classes(); t++) {
            for (int p = 0; p < confusion.classes(); p++) {
                if (confusion.count(t, p) > 0) {
                    records.add(
                            FigureRecord.of("confusion", t + "," + p, Evaluation.ALL, confusion.count(t, p), e.size()));
                }
            }
        }
        for (GateVerdict v : verdicts) {
            String verdict = v.status().name().toLowerCase(Locale.ROOT);
            if (!Double.isNaN(v.change())) {
                records.add(new FigureRecord(
                        "change", v.metric(), v.slice(), v.change(), v.n(), v.lower(), v.upper(), verdict));
            } else if (!Double.isNaN(v.value())) {
                records.add(new FigureRecord(
                        "gate", v.metric(), v.slice(), v.value(), v.n(), Double.NaN, Double.NaN, verdict));
            }
        }
        records.addAll(more);
        record(settings, test, e.model(), e.modelFingerprint(), e.datasetDigest(), records);
    }

    /**
     * Records figures of {@code test} about {@code model} (disagreements, generated inputs), unless the configuration
     * keeps no history; {@code fingerprint} and {@code digest} are {@code ""} where unknown.
     */
    void record(
            Settings settings,
            String test,
            String model,
            String fingerprint,
            String digest,
            List<FigureRecord> records) {
        if (!enabled(settings)) {
            return;
        }
        String url = settings.getOrDefault(QualityKeys.HISTORY_URL);
        String project = settings.getOrDefault(QualityKeys.HISTORY_PROJECT);
        if (project == null) {
            Path cwd = Path.of("").toAbsolutePath().getFileName();
            project = cwd == null ? "default" : cwd.toString();
        }
        String finalProject = project;
        HistoryStore store = stores.computeIfAbsent(
                url, u -> u.equals("default") ? HistoryStore.openDefault(finalProject) : HistoryStore.open(u));
        store.record(
                new RunRecord(Instant.now(), project, test, model, fingerprint, digest, commit.orElse(null), records));
        Path reportDir =
                settings.getOrDefault(ReportKeys.DIRECTORY).toAbsolutePath().normalize();
        WRITTEN.computeIfAbsent(
                List.of(url, finalProject, reportDir),
                k -> new Written(
                        url,
                        finalProject,
                        reportDir,
                        store.file().orElse(null),
                        reportDir.getParent() != null && Files.isDirectory(reportDir.getParent())));
    }

    /**
     * A history this JVM recorded runs in, with the report folder the run was configured with: its quality pages are
     * rendered there at the end of the run.
     *
     * @param url the configured store, {@code default} for the project's SQLite file in the home folder
     * @param project the project the runs were recorded under
     * @param reportDir the report folder, absolute
     * @param file the store's SQLite file, null for a database server
     * @param reportParentExisted whether the report folder's parent existed at the first record: a file or a report
     *     parent gone by the end of the run (a test's temporary folder) leaves nothing to render, and opening the file
     *     again would create an empty history
     */
    record Written(String url, String project, Path reportDir, Path file, boolean reportParentExisted) {}

    /** Every history this JVM recorded runs in, in the order first written. */
    static List<Written> written() {
        synchronized (WRITTEN) {
            return List.copyOf(WRITTEN.values());
        }
    }

    /**
     * Where the coverage report in {@code reportDir} keeps its run's summary beside the SQLite history its runs were
     * recorded in, {@code <history>.report-<hash of the folder>.json}, so that the front page's trends survive
     * {@code mvn clean}; empty when this JVM recorded no history file for that folder (none, or a database server).
     */
    static Optional<Path> keptSummary(Path reportDir) {
        Path dir = reportDir.toAbsolutePath().normalize();
        for (Written w : written()) {
            if (w.file() != null && w.reportDir().equals(dir)) {
                String name = w.file().getFileName().toString().replaceFirst("\\.db$", "");
                return Optional.of(w.file()
                        .resolveSibling(name + ".report-"
                                + Integer.toHexString(dir.toString().hashCode()) + ".json"));
            }
        }
        return Optional.empty();
    }

    /** Whether the configuration keeps a history: callers skip computing figures (fingerprints) it would drop. */
    static boolean enabled(Settings settings) {
        return !settings.getOrDefault(QualityKeys.HISTORY_URL).equals("none");
    }

    @Override
    public void close() {
        stores.values().forEach(HistoryStore::close);
    }
}
