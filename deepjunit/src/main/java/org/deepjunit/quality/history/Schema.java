package org.deepjunit.quality.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and migrates the tables. {@code deepjunit_schema} has one row per applied version; migrations run in
 * order, all in one transaction that holds the schema lock ({@code BEGIN IMMEDIATE} on SQLite,
 * {@code pg_advisory_xact_lock} on PostgreSQL), so two processes opening a fresh database at once create it once.
 */
final class Schema {

    /** Version 1: runs and their figures. Version 2: an index for the trend queries. */
    static final int CURRENT = 2;

    private Schema() {}

    private static List<String> migration(int version, Dialect dialect) {
        return switch (version) {
            case 1 ->
                List.of(
                        "CREATE TABLE deepjunit_run ("
                                + "id " + dialect.idColumn() + ", "
                                + "time_ms BIGINT NOT NULL, "
                                + "project TEXT NOT NULL, "
                                + "test_id TEXT NOT NULL, "
                                + "model TEXT NOT NULL, "
                                + "model_fingerprint TEXT NOT NULL, "
                                + "dataset_digest TEXT NOT NULL, "
                                + "vcs_commit TEXT)",
                        "CREATE TABLE deepjunit_figure ("
                                + "run_id BIGINT NOT NULL REFERENCES deepjunit_run (id), "
                                + "ordinal INTEGER NOT NULL, "
                                + "kind TEXT NOT NULL, "
                                + "name TEXT NOT NULL, "
                                + "slice TEXT NOT NULL, "
                                + "value DOUBLE PRECISION NOT NULL, "
                                + "n BIGINT NOT NULL, "
                                + "lower_bound DOUBLE PRECISION, "
                                + "upper_bound DOUBLE PRECISION, "
                                + "verdict TEXT, "
                                + "PRIMARY KEY (run_id, ordinal))");
            case 2 -> List.of("CREATE INDEX deepjunit_run_trend ON deepjunit_run (project, model, time_ms)");
            default -> throw new IllegalArgumentException("no migration to version " + version);
        };
    }

    /** Brings the database to {@link #CURRENT}; cheap (one read) when it is there already. */
    static void ensure(Connection c, Target target) {
        Integer version = versionOrNull(c);
        if (version != null && version == CURRENT) {
            return;
        }
        if (version != null && version > CURRENT) {
            throw newer(target, version);
        }
        Transactions.write(c, target, "create or migrate the tables of", tx -> {
            migrateLocked(tx, target);
            return null;
        });
    }

    private static void migrateLocked(Connection c, Target target) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (target.dialect() == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + Dialect.POSTGRES_SCHEMA_LOCK + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS deepjunit_schema ("
                    + "version INTEGER NOT NULL PRIMARY KEY, applied_ms BIGINT NOT NULL)");
        }
        int version = version(c);
        if (version > CURRENT) {
            throw newer(target, version);
        }
        for (int next = version + 1; next <= CURRENT; next++) {
            try (Statement s = c.createStatement()) {
                for (String sql : migration(next, target.dialect())) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO deepjunit_schema (version, applied_ms) VALUES (?, ?)")) {
                ps.setInt(1, next);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
        }
    }

    /** The version, or null when it cannot be read outside the lock (no table yet, or a damaged file). */
    private static Integer versionOrNull(Connection c) {
        try {
            return version(c);
        } catch (SQLException e) {
            return null; // the locked path reads it again and reports any real failure
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM deepjunit_schema")) {
            rs.next();
            return rs.getInt(1); // 0 when empty
        }
    }

    private static HistoryException newer(Target target, int version) {
        return new HistoryException("The DeepJUnit " + target.noun() + " " + target.displayName()
                + " was written by a newer DeepJUnit (schema version " + version + "; this DeepJUnit knows up to "
                + CURRENT + "). DeepJUnit did not change it. Fix: use that DeepJUnit version or newer, "
                + "or point this build to another history database.");
    }
}
