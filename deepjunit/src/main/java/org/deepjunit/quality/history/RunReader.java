package org.deepjunit.quality.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads runs with their figures, oldest first, in one statement (one consistent snapshot). NULL becomes NaN. */
final class RunReader {

    private static final String COLUMNS = "r.id, r.time_ms, r.project, r.test_id, r.model, r.model_fingerprint, "
            + "r.dataset_digest, r.vcs_commit, f.kind, f.name, f.slice, f.value, f.n, f.lower_bound, f.upper_bound, "
            + "f.verdict";
    private static final String JOIN_AND_ORDER =
            " r LEFT JOIN deepjunit_figure f ON f.run_id = r.id ORDER BY r.time_ms, r.id, f.ordinal";

    private RunReader() {}

    /** The newest {@code limit} runs of one model, oldest first. */
    static List<RunRecord> runs(Connection c, String project, String model, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM deepjunit_run WHERE project = ? AND model = ? "
                + "ORDER BY time_ms DESC, id DESC LIMIT ?)" + JOIN_AND_ORDER;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, project);
            ps.setString(2, model);
            ps.setInt(3, limit);
            return read(ps);
        }
    }

    /** Every run of a project, oldest first. */
    static List<RunRecord> runsOf(Connection c, String project) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM deepjunit_run WHERE project = ?)" + JOIN_AND_ORDER;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, project);
            return read(ps);
        }
    }

    private static List<RunRecord> read(PreparedStatement ps) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            long currentId = Long.MIN_VALUE;
            RunRecord current = null;
            List<FigureRecord> figures = null;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (current == null || id != currentId) {
                    if (current != null) {
                        runs.add(withFigures(current, figures));
                    }
                    currentId = id;
                    current = run(rs);
                    figures = new ArrayList<>();
                }
                if (rs.getString(9) != null) {
                    figures.add(figure(rs));
                }
            }
            if (current != null) {
                runs.add(withFigures(current, figures));
            }
        }
        return runs;
    }

    private static RunRecord run(ResultSet rs) throws SQLException {
        return new RunRecord(
                Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                List.of());
    }

    private static FigureRecord figure(ResultSet rs) throws SQLException {
        return new FigureRecord(
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getDouble(12),
                rs.getLong(13),
                doubleOrNaN(rs, 14),
                doubleOrNaN(rs, 15),
                rs.getString(16));
    }

    private static RunRecord withFigures(RunRecord run, List<FigureRecord> figures) {
        return new RunRecord(
                run.time(),
                run.project(),
                run.testId(),
                run.model(),
                run.modelFingerprint(),
                run.datasetDigest(),
                run.commit(),
                figures);
    }

    private static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }
}
