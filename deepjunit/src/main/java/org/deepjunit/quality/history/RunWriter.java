package org.deepjunit.quality.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Inserts one run row and its figure rows; the caller's transaction makes them one. NaN and null become NULL. */
final class RunWriter {

    private static final String INSERT_RUN = "INSERT INTO deepjunit_run "
            + "(time_ms, project, test_id, model, model_fingerprint, dataset_digest, vcs_commit) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String INSERT_FIGURE = "INSERT INTO deepjunit_figure "
            + "(run_id, ordinal, kind, name, slice, value, n, lower_bound, upper_bound, verdict) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private RunWriter() {}

    static long insert(Connection c, RunRecord run) throws SQLException {
        long id = insertRun(c, run);
        List<FigureRecord> figures = run.figures();
        if (figures.isEmpty()) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FIGURE)) {
            for (int i = 0; i < figures.size(); i++) {
                FigureRecord f = figures.get(i);
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setString(3, f.kind());
                ps.setString(4, f.name());
                ps.setString(5, f.slice());
                ps.setDouble(6, f.value());
                ps.setLong(7, f.n());
                setDoubleOrNull(ps, 8, f.lower());
                setDoubleOrNull(ps, 9, f.upper());
                setStringOrNull(ps, 10, f.verdict());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    private static long insertRun(Connection c, RunRecord run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
            ps.setLong(1, run.time().toEpochMilli());
            ps.setString(2, run.project());
            ps.setString(3, run.testId());
            ps.setString(4, run.model());
            ps.setString(5, run.modelFingerprint());
            ps.setString(6, run.datasetDigest());
            setStringOrNull(ps, 7, run.commit());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the database returned no id for the new run");
                }
                return rs.getLong(1);
            }
        }
    }

    private static void setDoubleOrNull(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static void setStringOrNull(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
