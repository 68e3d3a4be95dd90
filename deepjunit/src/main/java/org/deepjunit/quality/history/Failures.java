package org.deepjunit.quality.history;

import java.sql.SQLException;

/** Turns a JDBC failure into a {@link HistoryException} that names the database, the cause and the fix. */
final class Failures {

    static final int SQLITE_BUSY = 5;
    static final int SQLITE_LOCKED = 6;
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_READONLY = 8;
    static final int SQLITE_NOTADB = 26;

    private Failures() {}

    /** Whether another connection holds the SQLite database (worth waiting and trying again). */
    static boolean isBusy(Target target, SQLException e) {
        if (target.dialect() != Dialect.SQLITE) {
            return false;
        }
        int code = primaryCode(e);
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    /** {@code action} is what failed, e.g. "record a run in", "open". */
    static HistoryException of(Target target, String action, SQLException e) {
        String db = "DeepJUnit " + target.noun() + " " + target.displayName();
        String cause = e.getMessage();
        if (target.dialect() == Dialect.SQLITE) {
            switch (primaryCode(e)) {
                case SQLITE_NOTADB, SQLITE_CORRUPT -> {
                    return new HistoryException(
                            "The " + db + " is damaged (" + cause + "). DeepJUnit did not change it. "
                                    + "Fix: move it aside (e.g. rename it to *.broken); DeepJUnit creates a new one "
                                    + "on the next run. Earlier figures stay in the moved file.",
                            e);
                }
                case SQLITE_BUSY, SQLITE_LOCKED -> {
                    return new HistoryException(
                            "Could not " + action + " the " + db + ": another process holds it (waited "
                                    + target.busyTimeout().toMillis() + " ms; " + cause + "). Nothing was written. "
                                    + "Fix: let that process finish (or stop a stuck one), or give it a longer "
                                    + "busy timeout.",
                            e);
                }
                case SQLITE_CANTOPEN, SQLITE_READONLY -> {
                    return new HistoryException(
                            "Could not " + action + " the " + db + " (" + cause + "). Fix: make the file and its "
                                    + "folder writable by this user, or configure another history location.",
                            e);
                }
                case SQLITE_FULL -> {
                    return new HistoryException(
                            "Could not " + action + " the " + db + ": the disk is full (" + cause
                                    + "). Nothing was written. Fix: free disk space.",
                            e);
                }
                default -> {
                    // the general message below
                }
            }
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return new HistoryException(
                    "Could not connect to the " + db + " (" + cause + "). Fix: check that the server runs and "
                            + "that the URL's host, port and database are right.",
                    e);
        }
        if (state != null && state.startsWith("28")) {
            return new HistoryException(
                    "The " + db + " refused the login (" + cause + "). Fix: check the user and password.", e);
        }
        return new HistoryException("Could not " + action + " the " + db + ": " + cause, e);
    }

    private static int primaryCode(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode() & 0xff;
            }
        }
        return 0;
    }
}
