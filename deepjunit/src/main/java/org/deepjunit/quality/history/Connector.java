package org.deepjunit.quality.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Opens the JDBC connection of a store. SQLite gets a busy timeout, {@code BEGIN IMMEDIATE} write transactions,
 * enforced foreign keys and the WAL journal, so that readers never wait and writers from several threads, forks and
 * processes take turns.
 */
final class Connector {

    private Connector() {}

    static Connection open(Target target) {
        requireDriver(target);
        Properties properties = new Properties();
        if (target.dialect() == Dialect.SQLITE) {
            properties.setProperty(
                    "busy_timeout", Long.toString(target.busyTimeout().toMillis()));
            properties.setProperty("transaction_mode", "IMMEDIATE");
            properties.setProperty("foreign_keys", "true");
            properties.setProperty("synchronous", "NORMAL");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(target.url(), properties);
        } catch (SQLException e) {
            throw Failures.of(target, "open", e);
        }
        try {
            if (target.dialect() == Dialect.SQLITE) {
                walJournal(c, target);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e instanceof SQLException s ? Failures.of(target, "open", s) : (RuntimeException) e;
        }
    }

    /** Switching to WAL needs a moment alone with the file: another process opening it at once may say busy. */
    private static void walJournal(Connection c, Target target) throws SQLException {
        long deadline = System.nanoTime() + target.busyTimeout().toNanos();
        while (true) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                rs.next();
                return;
            } catch (SQLException e) {
                if (!Failures.isBusy(target, e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void requireDriver(Target target) {
        try {
            DriverManager.getDriver(target.url());
        } catch (SQLException e) {
            String artifact = Dialect.driverArtifact(target.url());
            throw new HistoryException(
                    "No JDBC driver on the class path accepts the history database URL " + target.displayName()
                            + ". Fix: "
                            + (artifact != null
                                    ? "add the dependency " + artifact + " to the tests' class path (test scope)."
                                    : "add the database's JDBC driver to the tests' class path.")
                            + " (" + e.getMessage() + ")",
                    e);
        }
    }

    static void closeQuietly(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
