package org.deepjunit.quality.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Runs work in one transaction: all of it commits or none of it does. On SQLite a write transaction begins with
 * {@code BEGIN IMMEDIATE} (the connector asks for it), waits up to the busy timeout for another writer, and is tried
 * again when SQLite reports the database busy without waiting.
 */
final class Transactions {

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 8;

    private Transactions() {}

    /** Runs {@code work} in a transaction; {@code action} names it in the error ("record a run in"). */
    static <T> T write(Connection c, Target target, String action, Work<T> work) {
        long deadline = System.nanoTime() + target.busyTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(c, work);
            } catch (SQLException e) {
                if (Failures.isBusy(target, e) && attempt < MAX_ATTEMPTS && System.nanoTime() < deadline) {
                    pause(attempt);
                    continue;
                }
                throw Failures.of(target, action, e);
            }
        }
    }

    /** One try: commit on success, roll back on any failure, and always return the connection to auto-commit. */
    static <T> T once(Connection c, Work<T> work) throws SQLException {
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // nothing was open (the rollback above ended it): the driver's flag is back to auto-commit
            }
        }
    }

    private static void pause(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(Math.min(200, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted while waiting for the history database", e);
        }
    }
}
