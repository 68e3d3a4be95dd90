package org.deepjunit.quality.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The database a store talks to: its JDBC URL, its dialect, how long SQLite waits for another writer, and how
 * messages name it (the file, or the URL without its password).
 */
record Target(String url, Dialect dialect, Path file, Duration busyTimeout) {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    static Target of(String url, Duration busyTimeout) {
        Dialect dialect = Dialect.of(url);
        return new Target(url, dialect, dialect == Dialect.SQLITE ? sqliteFile(url) : null, busyTimeout);
    }

    static Target sqlite(Path file, Duration busyTimeout) {
        return new Target("jdbc:sqlite:" + file, Dialect.SQLITE, file, busyTimeout);
    }

    /** How messages name the database: the file, or the URL with any password replaced by {@code ***}. */
    String displayName() {
        if (file != null) {
            return file.toString();
        }
        return USER_INFO.matcher(PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("$1***@");
    }

    /** "database file" or "database". */
    String noun() {
        return file != null ? "history database file" : "history database";
    }

    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return null;
        }
        return Path.of(rest);
    }
}
