package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {

    @TempDir
    Path dir;

    /** Version 1 as DeepJUnit 0.4's first store wrote it, by hand: the test must not borrow the code it checks. */
    private static void writeVersion1(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE deepjunit_schema (version INTEGER NOT NULL PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            s.execute("INSERT INTO deepjunit_schema VALUES (1, 0)");
            s.execute("CREATE TABLE deepjunit_run (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms BIGINT NOT NULL, "
                    + "project TEXT NOT NULL, test_id TEXT NOT NULL, model TEXT NOT NULL, "
                    + "model_fingerprint TEXT NOT NULL, dataset_digest TEXT NOT NULL, vcs_commit TEXT)");
            s.execute("CREATE TABLE deepjunit_figure (run_id BIGINT NOT NULL REFERENCES deepjunit_run (id), "
                    + "ordinal INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, slice TEXT NOT NULL, "
                    + "value DOUBLE PRECISION NOT NULL, n BIGINT NOT NULL, lower_bound DOUBLE PRECISION, "
                    + "upper_bound DOUBLE PRECISION, verdict TEXT, PRIMARY KEY (run_id, ordinal))");
            s.execute("INSERT INTO deepjunit_run VALUES (7, 1000, 'p', 't', 'm', 'f', 'd', NULL)");
            s.execute("INSERT INTO deepjunit_figure VALUES (7, 0, 'metric', 'accuracy', '', 0.75, 4, NULL, 0.9, NULL)");
        }
    }

    @Test
    void aVersion1DatabaseIsMigratedAndKeepsItsRows() throws Exception {
        Path file = dir.resolve("v1.db");
        writeVersion1(file);
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            assertThat(store.runsOf("p"))
                    .containsExactly(new RunRecord(
                            Instant.ofEpochMilli(1000),
                            "p",
                            "t",
                            "m",
                            "f",
                            "d",
                            null,
                            List.of(new FigureRecord("metric", "accuracy", "", 0.75, 4, Double.NaN, 0.9, null))));
            store.record(SampleRuns.full("p", "m", 3));
            assertThat(store.runs("p", "m", 10)).hasSize(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet versions = s.executeQuery("SELECT version FROM deepjunit_schema ORDER BY version")) {
            assertThat(versions.next()).isTrue();
            assertThat(versions.getInt(1)).isEqualTo(1);
            assertThat(versions.next()).isTrue();
            assertThat(versions.getInt(1)).isEqualTo(2);
            try (ResultSet index = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                            + "AND name = 'deepjunit_run_trend'")) {
                index.next();
                assertThat(index.getInt(1)).as("version 2's index").isEqualTo(1);
            }
        }
    }

    @Test
    void aDatabaseFromANewerDeepJUnitIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("future.db");
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            store.record(SampleRuns.full("p", "m", 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO deepjunit_schema VALUES (" + (Schema.CURRENT + 5) + ", 0)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> HistoryStore.openSqlite(file))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("written by a newer DeepJUnit")
                .hasMessageContaining("schema version " + (Schema.CURRENT + 5));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
