package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel tests, Surefire forks and CI jobs writing one SQLite history at once: every run arrives whole. */
class ConcurrentWritersTest {

    private static final int THREADS = 8;
    private static final int RUNS = 25;

    @TempDir
    Path dir;

    static RunRecord run(String project, String testId, int i) {
        return new RunRecord(
                Instant.now(),
                project,
                testId,
                "m",
                "",
                "",
                null,
                List.of(
                        FigureRecord.of("metric", "accuracy", "", i / 100.0, 100),
                        FigureRecord.of("coverage", "NC", "", 0.5, 10)));
    }

    @Test
    void eightStoresOpeningAFreshFileAtOnceAndWritingAllKeepEveryRun() throws Exception {
        Path file = dir.resolve("threads.db");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try (HistoryStore store = HistoryStore.openSqlite(file)) { // one store per "fork"
                        for (int i = 0; i < RUNS; i++) {
                            store.record(run("p", "thread" + thread + "#" + i, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS); // rethrows any writer's exception
            }
        } finally {
            pool.shutdownNow();
        }
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            List<RunRecord> runs = store.runsOf("p");
            assertThat(runs)
                    .hasSize(THREADS * RUNS)
                    .allSatisfy(r -> assertThat(r.figures()).hasSize(2));
            assertThat(runs).extracting(RunRecord::testId).doesNotHaveDuplicates();
        }
        assertThat(schemaRows(file)).as("the schema was created once").isEqualTo(Schema.CURRENT);
    }

    @Test
    void threadsSharingOneStoreKeepEveryRun() throws Exception {
        try (HistoryStore store = HistoryStore.openSqlite(dir.resolve("shared.db"))) {
            CompletableFuture.allOf(IntStream.range(0, THREADS)
                            .mapToObj(t -> CompletableFuture.runAsync(() -> {
                                for (int i = 0; i < RUNS; i++) {
                                    store.record(run("p", "t" + t + "#" + i, i));
                                    store.latest("p", "m");
                                }
                            }))
                            .toArray(CompletableFuture[]::new))
                    .get(120, TimeUnit.SECONDS);
            assertThat(store.runsOf("p")).hasSize(THREADS * RUNS);
        }
    }

    @Test
    void twoChildJvmsAndThisOneWritingTheDefaultHistoryAtOnceKeepEveryRun() throws Exception {
        Path home = dir.resolve("home");
        String project = "concurrent project";
        List<Process> children = new ArrayList<>();
        for (String tag : List.of("childA", "childB")) {
            children.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx128m",
                            "-Duser.home=" + home,
                            "-cp",
                            System.getProperty("java.class.path"),
                            HistoryWriterChild.class.getName(),
                            project,
                            Integer.toString(RUNS * 2),
                            tag)
                    .redirectErrorStream(true)
                    .directory(dir.toFile())
                    .start());
        }
        Path file = HistoryStore.defaultFile(home, project);
        int parentRuns = 0;
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            // this JVM writes for as long as the children live, so that all three overlap
            while (parentRuns < RUNS * 2 || children.stream().anyMatch(Process::isAlive)) {
                store.record(run(project, "parent#" + parentRuns, parentRuns));
                parentRuns++;
            }
        }
        for (Process child : children) {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(out).isZero();
            assertThat(out).contains("wrote " + RUNS * 2);
        }
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            List<RunRecord> runs = store.runsOf(project);
            assertThat(runs).hasSize(2 * RUNS * 2 + parentRuns);
            assertThat(runs)
                    .extracting(r -> r.testId().substring(0, r.testId().indexOf('#')))
                    .containsOnly("parent", "childA", "childB");
            assertThat(runs).allSatisfy(r -> assertThat(r.figures()).hasSize(2));
        }
        assertThat(schemaRows(file)).isEqualTo(Schema.CURRENT);
    }

    private static int schemaRows(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deepjunit_schema")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
