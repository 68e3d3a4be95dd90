package org.deepjunit.quality.history;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Keeps every test run's quality figures so that trends show over builds.
 *
 * <p>By default the history is an SQLite file per project under the user's home folder,
 * {@code ~/.deepjunit/history/<project>.db}, out of reach of {@code mvn clean} and fresh checkouts. A team whose CI
 * runs on many machines shares one PostgreSQL database instead ({@code org.postgresql:postgresql} on the test class
 * path):
 *
 * <pre>{@code
 * try (HistoryStore history = HistoryStore.open("jdbc:postgresql://ci-db:5432/quality?user=ci&password=secret")) {
 *     history.record(new RunRecord(Instant.now(), "digits", "com.acme.DigitsTest#accuracy", "lenet5",
 *             fingerprint, digest, Commit.detect(Path.of("")).orElse(null),
 *             List.of(new FigureRecord("metric", "accuracy", "", 0.981, 10_000, 0.978, 0.984, "passed"))));
 *     List<RunRecord> trend = history.runs("digits", "lenet5", 50); // oldest first
 * }
 * }</pre>
 *
 * <p>Opening creates the tables, or migrates them from an older DeepJUnit, once, also when several processes open
 * a fresh database at the same moment. A store is safe for concurrent use by threads; several stores, Surefire forks
 * and CI jobs may write to one database at once (SQLite runs in WAL mode and writers wait up to the busy timeout
 * for each other). Each {@link #record} is one transaction: a failure leaves no part of the run behind, and a
 * damaged or locked database gives a {@link HistoryException} naming the database and the fix, never a silently
 * recreated file.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class HistoryStore implements AutoCloseable {

    /** How long an SQLite writer waits for another one before giving up: 30 s. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

    private final Target target;
    private final Connection connection;
    private boolean closed;

    private HistoryStore(Target target) {
        this.target = target;
        this.connection = Connector.open(target);
        try {
            Schema.ensure(connection, target);
        } catch (RuntimeException e) {
            Connector.closeQuietly(connection, e);
            throw e;
        }
    }

    /**
     * Opens the history database at a JDBC URL, e.g. {@code jdbc:postgresql://host:5432/db?user=u&password=p} or
     * {@code jdbc:sqlite:/path/history.db}; the driver must be on the class path.
     */
    public static HistoryStore open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new HistoryException("\"" + jdbcUrl + "\" is not a JDBC URL; expected e.g. "
                    + "jdbc:postgresql://host:5432/database or jdbc:sqlite:/path/history.db");
        }
        Target target = Target.of(jdbcUrl, DEFAULT_BUSY_TIMEOUT);
        if (target.file() != null) {
            createFolder(target);
        }
        return new HistoryStore(target);
    }

    /** Opens (or creates) the project's SQLite file {@link #defaultFile(String)}. */
    public static HistoryStore openDefault(String project) {
        return openSqlite(defaultFile(project));
    }

    /** Opens (or creates) an SQLite history file, creating its folder; writers wait up to 30 s for each other. */
    public static HistoryStore openSqlite(Path file) {
        return openSqlite(file, DEFAULT_BUSY_TIMEOUT);
    }

    /** Opens (or creates) an SQLite history file; a writer gives up after waiting {@code busyTimeout}. */
    public static HistoryStore openSqlite(Path file, Duration busyTimeout) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("busy timeout " + busyTimeout + " is negative");
        }
        Target target = Target.sqlite(file.toAbsolutePath().normalize(), busyTimeout);
        createFolder(target);
        return new HistoryStore(target);
    }

    /**
     * {@code ~/.deepjunit/history/<project>.db}: the project's default history file, its name made safe (characters
     * other than letters, digits, {@code . _ -} become {@code _}, and a short digest of the name keeps two projects
     * apart).
     */
    public static Path defaultFile(String project) {
        return defaultFile(Path.of(System.getProperty("user.home")), project);
    }

    static Path defaultFile(Path home, String project) {
        return home.resolve(".deepjunit").resolve("history").resolve(FileNames.safe(project) + ".db");
    }

    /**
     * Records one run and its figures in one transaction and returns the run's id; on failure nothing of it is
     * kept.
     */
    public synchronized long record(RunRecord run) {
        Objects.requireNonNull(run, "run");
        requireOpen();
        return Transactions.write(connection, target, "record a run in", c -> RunWriter.insert(c, run));
    }

    /** The newest {@code limit} runs of {@code model} in {@code project}, oldest first (ready for a trend chart). */
    public synchronized List<RunRecord> runs(String project, String model, int limit) {
        RunRecord.requireText(project, "project");
        RunRecord.requireText(model, "model");
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        requireOpen();
        try {
            return RunReader.runs(connection, project, model, limit);
        } catch (SQLException e) {
            throw Failures.of(target, "read", e);
        }
    }

    /** Every run of every model in {@code project}, oldest first. */
    public synchronized List<RunRecord> runsOf(String project) {
        RunRecord.requireText(project, "project");
        requireOpen();
        try {
            return RunReader.runsOf(connection, project);
        } catch (SQLException e) {
            throw Failures.of(target, "read", e);
        }
    }

    /** The newest run of {@code model} in {@code project}, if any. */
    public Optional<RunRecord> latest(String project, String model) {
        List<RunRecord> last = runs(project, model, 1);
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    /** The SQLite file of the store; empty for a database server (or an SQLite database in memory). */
    public Optional<Path> file() {
        return Optional.ofNullable(target.file());
    }

    /** The database: its file, or its JDBC URL without the password. */
    public String location() {
        return target.displayName();
    }

    /** Closes the connection; further calls fail. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw Failures.of(target, "close", e);
        }
    }

    @Override
    public String toString() {
        return "HistoryStore[" + location() + "]";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the history store of " + location() + " is closed");
        }
    }

    private static void createFolder(Target target) {
        Path folder = target.file().toAbsolutePath().getParent();
        try {
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new HistoryException(
                    "Cannot create the folder " + folder + " of the DeepJUnit history database file " + target.file()
                            + " (" + e + "). Fix: make it writable, or configure another history location.",
                    e);
        }
    }
}
