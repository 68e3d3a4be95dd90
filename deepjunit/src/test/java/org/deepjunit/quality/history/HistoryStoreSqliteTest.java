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

class HistoryStoreSqliteTest {

    @TempDir
    Path dir;

    @Test
    void recordsAndReadsBackEveryValueExactly() {
        Path file = dir.resolve("nested/folder/history.db");
        RunRecord a = SampleRuns.full("digits", "lenet5", 1);
        RunRecord b = SampleRuns.full("digits", "lenet5", 2);
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            long idA = store.record(a);
            long idB = store.record(b);
            assertThat(idB).isGreaterThan(idA);
        }
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            assertThat(store.runs("digits", "lenet5", 10)).containsExactly(a, b);
            assertThat(store.latest("digits", "lenet5")).contains(b);
            assertThat(store.runs("digits", "lenet5", 10).get(1).commit()).isNull();
            assertThat(store.runs("digits", "lenet5", 10)
                            .get(0)
                            .figures()
                            .get(1)
                            .verdict())
                    .isNull();
            assertThat(store.runs("digits", "lenet5", 10)
                            .get(0)
                            .figures()
                            .get(1)
                            .lower())
                    .isNaN();
        }
    }

    @Test
    void nanBoundsAndNullsAreSqlNulls() throws Exception {
        Path file = dir.resolve("h.db");
        try (HistoryStore store = HistoryStore.openSqlite(file)) {
            store.record(SampleRuns.full("p", "m", 2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deepjunit_figure WHERE lower_bound IS NULL"
                        + " UNION ALL SELECT COUNT(*) FROM deepjunit_figure WHERE upper_bound IS NULL"
                        + " UNION ALL SELECT COUNT(*) FROM deepjunit_figure WHERE verdict IS NULL"
                        + " UNION ALL SELECT COUNT(*) FROM deepjunit_run WHERE vcs_commit IS NULL")) {
            int[] counts = new int[4];
            for (int i = 0; i < 4; i++) {
                rs.next();
                counts[i] = rs.getInt(1);
            }
            assertThat(counts).containsExactly(3, 3, 2, 1);
        }
    }

    @Test
    void runsAreTheNewestOfOneModelOldestFirstAndRunsOfIsTheWholeProject() {
        try (HistoryStore store = HistoryStore.openSqlite(dir.resolve("trend.db"))) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            // recorded out of order: builds 3, 1, 2, 4 of model m, one of model other, one of another project
            for (int build : new int[] {3, 1, 2, 4}) {
                store.record(SampleRuns.small("p", "m", "t" + build, t.plusSeconds(build)));
            }
            store.record(SampleRuns.small("p", "other", "x", t.plusSeconds(10)));
            store.record(SampleRuns.small("q", "m", "y", t.plusSeconds(11)));

            assertThat(store.runs("p", "m", 3)).extracting(RunRecord::testId).containsExactly("t2", "t3", "t4");
            assertThat(store.runs("p", "m", 0)).isEmpty();
            assertThat(store.runsOf("p")).extracting(RunRecord::testId).containsExactly("t1", "t2", "t3", "t4", "x");
            assertThat(store.latest("p", "m")).map(RunRecord::testId).contains("t4");
            assertThat(store.latest("p", "nope")).isEmpty();
            assertThat(store.runsOf("nope")).isEmpty();
        }
    }

    @Test
    void aRunWithoutFiguresComesBackWithoutFigures() {
        try (HistoryStore store = HistoryStore.openSqlite(dir.resolve("empty.db"))) {
            RunRecord run = new RunRecord(SampleRuns.T0, "p", "t", "m", "f", "d", "abc", List.of());
            store.record(run);
            assertThat(store.runs("p", "m", 5)).containsExactly(run);
        }
    }

    @Test
    void openingTwiceIsIdempotentAndKeepsTheRows() throws Exception {
        Path file = dir.resolve("twice.db");
        try (HistoryStore first = HistoryStore.openSqlite(file);
                HistoryStore second = HistoryStore.openSqlite(file)) {
            first.record(SampleRuns.full("p", "m", 1));
            assertThat(second.runsOf("p")).hasSize(1);
        }
        try (HistoryStore third = HistoryStore.openSqlite(file)) {
            assertThat(third.runsOf("p")).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM deepjunit_schema");
                ResultSet mode = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getInt(1)).as("one row per applied version").isEqualTo(Schema.CURRENT);
            assertThat(rs.getInt(2)).isEqualTo(Schema.CURRENT);
            mode.next();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void openTakesAJdbcUrlToo() {
        Path file = dir.resolve("url.db");
        try (HistoryStore store = HistoryStore.open("jdbc:sqlite:" + file)) {
            store.record(SampleRuns.full("p", "m", 1));
            assertThat(store.location()).isEqualTo(file.toString());
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aClosedStoreSaysSo() {
        HistoryStore store = HistoryStore.openSqlite(dir.resolve("closed.db"));
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(() -> store.runsOf("p"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed.db")
                .hasMessageContaining("closed");
    }

    @Test
    void theDefaultFileLivesUnderTheHomeFolderWithASafeName() {
        Path home = dir.resolve("home");
        assertThat(HistoryStore.defaultFile(home, "digits")).isEqualTo(home.resolve(".deepjunit/history/digits.db"));
        assertThat(HistoryStore.defaultFile(home, "my-app_2.1")).hasFileName("my-app_2.1.db");
        String unsafe =
                HistoryStore.defaultFile(home, "../etc/pass wd").getFileName().toString();
        assertThat(unsafe).matches("_\\._etc_pass_wd-[0-9a-f]{8}\\.db");
        assertThat(HistoryStore.defaultFile(home, "a/b")).isNotEqualTo(HistoryStore.defaultFile(home, "a_b"));
        assertThat(HistoryStore.defaultFile(home, "con").getFileName().toString())
                .startsWith("_con-");
        assertThat(HistoryStore.defaultFile(home, "x".repeat(300))
                        .getFileName()
                        .toString()
                        .length())
                .isLessThan(100);
        assertThat(HistoryStore.defaultFile("digits"))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".deepjunit", "history", "digits.db"));
    }
}
