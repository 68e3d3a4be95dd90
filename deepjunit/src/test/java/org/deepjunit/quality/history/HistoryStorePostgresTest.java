package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same store on a real PostgreSQL 14 server, started from Maven artifacts once for this class on a free port.
 * A server that cannot start fails the class: it is never skipped. Each test has a database of its own.
 */
class HistoryStorePostgresTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String freshDatabase() throws Exception {
        String name = "history_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }

    private static int[] counts(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM deepjunit_run), "
                        + "(SELECT COUNT(*) FROM deepjunit_figure), (SELECT COUNT(*) FROM deepjunit_schema)")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
        }
    }

    @Test
    void recordsAndReadsBackEveryValueExactly() throws Exception {
        String url = freshDatabase();
        List<RunRecord> written = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(url)) {
            for (int build = 1; build <= 4; build++) {
                RunRecord run = SampleRuns.full("digits", "lenet5", build);
                store.record(run);
                written.add(run);
            }
            store.record(SampleRuns.full("digits", "other", 9));
            store.record(SampleRuns.full("elsewhere", "lenet5", 9));
        }
        try (HistoryStore store = HistoryStore.open(url)) {
            assertThat(store.runs("digits", "lenet5", 10)).containsExactlyElementsOf(written);
            assertThat(store.runs("digits", "lenet5", 2)).containsExactlyElementsOf(written.subList(2, 4));
            assertThat(store.latest("digits", "lenet5")).contains(written.get(3));
            assertThat(store.runsOf("digits")).hasSize(5);
            assertThat(store.location()).startsWith("jdbc:postgresql://");
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deepjunit_figure WHERE lower_bound IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("NaN is stored as NULL").isEqualTo(3 * 6);
        }
    }

    @Test
    void eightStoresOpeningAFreshDatabaseAtOnceCreateTheSchemaOnceAndKeepEveryRun() throws Exception {
        String url = freshDatabase();
        int threads = 8;
        int runs = 20;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try (HistoryStore store = HistoryStore.open(url)) {
                        for (int i = 0; i < runs; i++) {
                            store.record(ConcurrentWritersTest.run("p", "t" + thread + "#" + i, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts(url)).containsExactly(threads * runs, 2 * threads * runs, Schema.CURRENT);
        try (HistoryStore store = HistoryStore.open(url)) {
            assertThat(store.runsOf("p")).extracting(RunRecord::testId).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRecordThatFailsBetweenTheRunRowAndItsFiguresLeavesNoPartOfIt() throws Exception {
        String url = freshDatabase();
        try (HistoryStore store = HistoryStore.open(url)) {
            store.record(SampleRuns.full("p", "m", 1));
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.name = 'recall' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
                s.execute(
                        "CREATE TRIGGER refuse BEFORE INSERT ON deepjunit_figure FOR EACH ROW EXECUTE FUNCTION refuse()");
            }
            assertThatThrownBy(() -> store.record(SampleRuns.full("p", "m", 2)))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining("jdbc:postgresql://")
                    .hasMessageContaining("injected failure");
            assertThat(counts(url)).containsExactly(1, 5, Schema.CURRENT);
            store.record(new RunRecord(
                    Instant.now(), "p", "t", "m", "", "", null, List.of(FigureRecord.of("metric", "acc", "", 1, 1))));
            assertThat(counts(url)).containsExactly(2, 6, Schema.CURRENT);
        }
    }

    @Test
    void aDatabaseFromANewerDeepJUnitIsRefused() throws Exception {
        String url = freshDatabase();
        HistoryStore.open(url).close();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO deepjunit_schema VALUES (99, 0)");
        }
        assertThatThrownBy(() -> HistoryStore.open(url))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("written by a newer DeepJUnit")
                .hasMessageContaining("schema version 99");
    }

    @Test
    void aServerThatIsNotThereIsAClearConnectionError() {
        String url = "jdbc:postgresql://127.0.0.1:1/quality?user=ci&password=hunter2&connectTimeout=5";
        assertThatThrownBy(() -> HistoryStore.open(url))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("Could not connect")
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/quality")
                .hasMessageNotContaining("hunter2");
    }
}
