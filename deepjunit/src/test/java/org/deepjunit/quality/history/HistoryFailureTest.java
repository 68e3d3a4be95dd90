package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, locked and failing databases: a clear message, and never a lost or half-written run. */
class HistoryFailureTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfGarbageIsReportedAsDamagedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("garbage.db");
        byte[] garbage = new byte[8192];
        new Random(15).nextBytes(garbage);
        Files.write(file, garbage);

        assertThatThrownBy(() -> HistoryStore.openSqlite(file))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("damaged")
                .hasMessageContaining("move it aside")
                .hasMessageContaining("creates a new one");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aTruncatedFileIsReportedAsDamagedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("truncated.db");
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            for (int i = 0; i < 300; i++) {
                store.record(SampleRuns.full("p", "m", i));
            }
        } // the last connection closing folds the WAL into the file
        byte[] whole = Files.readAllBytes(file);
        assertThat(whole.length).isGreaterThan(64 * 1024);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 3);
        Files.write(file, truncated);

        assertThatThrownBy(() -> {
                    try (HistoryStore store = HistoryStore.openSqlite(file)) {
                        store.runsOf("p");
                    }
                })
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("damaged")
                .hasMessageContaining("move it aside");
        assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
    }

    @Test
    void aDatabaseHeldByAnotherWriterPastTheBusyTimeoutSaysSoAndLosesNothing() throws Exception {
        Path file = dir.resolve("locked.db");
        try (HistoryStore store = HistoryStore.openSqlite(file, Duration.ofMillis(300))) {
            for (int i = 0; i < 3; i++) {
                store.record(SampleRuns.full("p", "m", i));
            }
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("DELETE FROM deepjunit_figure"); // uncommitted: must never be seen
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.record(SampleRuns.full("p", "m", 3)))
                        .isInstanceOf(HistoryException.class)
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining("another process holds it")
                        .hasMessageContaining("300 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("waited the configured busy timeout, not SQLite's default")
                        .isBetween(Duration.ofMillis(250), Duration.ofMillis(2500));
                assertThat(store.runsOf("p")).as("readers go on under WAL").hasSize(3);
                s.execute("ROLLBACK");
            }
            assertThat(store.runsOf("p"))
                    .containsExactly(
                            SampleRuns.full("p", "m", 0), SampleRuns.full("p", "m", 1), SampleRuns.full("p", "m", 2));
            store.record(SampleRuns.full("p", "m", 3));
            assertThat(store.runsOf("p")).hasSize(4);
        }
    }

    @Test
    void aWriterThatHoldsTheFileBrieflyIsWaitedFor() throws Exception {
        Path file = dir.resolve("brief.db");
        try (HistoryStore store = HistoryStore.openSqlite(file, Duration.ofSeconds(20));
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    s.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            store.record(SampleRuns.full("p", "m", 1));
            release.join();
            assertThat(store.runsOf("p")).hasSize(1);
        }
    }

    @Test
    void aRecordThatFailsBetweenTheRunRowAndItsFiguresLeavesNoPartOfIt() throws Exception {
        Path file = dir.resolve("rollback.db");
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            store.record(SampleRuns.full("p", "m", 1));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = c.createStatement()) {
                // a real failure inside the database, after the run row went in: the third figure is refused
                s.execute("CREATE TRIGGER refuse BEFORE INSERT ON deepjunit_figure WHEN NEW.name = 'recall' "
                        + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
            }
            assertThatThrownBy(() -> store.record(SampleRuns.full("p", "m", 2)))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("injected failure");
            assertThat(rowCounts(file)).containsExactly(1, 5);
            assertThat(store.runsOf("p")).containsExactly(SampleRuns.full("p", "m", 1));

            RunRecord fine = new RunRecord(
                    Instant.now(),
                    "p",
                    "t",
                    "m",
                    "",
                    "",
                    null,
                    List.of(FigureRecord.of("metric", "accuracy", "", 1, 1)));
            store.record(fine); // the connection is back in a clean state
            assertThat(rowCounts(file)).containsExactly(2, 6);
        }
    }

    private static int[] rowCounts(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM deepjunit_run), " + "(SELECT COUNT(*) FROM deepjunit_figure)")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2)};
        }
    }

    @Test
    void aUrlWithoutItsDriverNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> HistoryStore.open("jdbc:mysql://db:3306/quality?user=ci&password=hunter2"))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("com.mysql:mysql-connector-j")
                .hasMessageContaining("jdbc:mysql://db:3306/quality")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> HistoryStore.open("postgresql://db/quality"))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("not a JDBC URL");
    }

    @Test
    void anUnwritableLocationSaysWhereAndWhy() throws Exception {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "not a folder");
        assertThatThrownBy(() -> HistoryStore.openSqlite(blocker.resolve("history.db")))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining(blocker.toString());
    }
}
