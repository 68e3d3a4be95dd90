package org.deepjunit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.QualityKeys;
import org.deepjunit.quality.history.Commit;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.quality.metrics.ConfusionMatrix;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's history store, opened once per JVM and closed when the run ends, and how a test's evaluations become
 * history records: every figure ({@code metric}), every change a gate measured ({@code change}, with its
 * interval) or value it bounded ({@code gate}), each with its gate's verdict, and the confusion matrix
 * ({@code confusion}, one {@code "true,predicted"} count per non-empty cell).
 */
final class QualityHistory implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QualityHistory.class);

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
        figures.forEach((figure, value) -> {
            int bracket = figure.lastIndexOf('[');
            records.add(FigureRecord.of(
                    "metric",
                    figure.substring(0, bracket),
                    figure.substring(bracket + 1, figure.length() - 1),
                    value,
                    e.size()));
        });
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
