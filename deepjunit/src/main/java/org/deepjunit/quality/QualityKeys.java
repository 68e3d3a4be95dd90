package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/** The {@code deepjunit.quality.*} configuration parameters. */
@API(status = EXPERIMENTAL, since = "0.4")
public final class QualityKeys {

    public static final Key<Boolean> APPROVE = Key.of(
            QualityBaselines.APPROVE,
            ValueType.bool(),
            false,
            "false",
            "true makes what each @ModelQuality test measured its approved quality baseline");
    public static final Key<Path> APPROVED_DIR = Key.of(
            "deepjunit.quality.approved.dir",
            ValueType.path(),
            Path.of("src/test/resources/deepjunit/approved"),
            "src/test/resources/deepjunit/approved",
            "where approved and received quality baselines are");

    public static final Key<String> HISTORY_URL = Key.of(
            "deepjunit.quality.history.url",
            ValueType.text("default|none|jdbc:.+", "default (the SQLite file of the project), none, or a JDBC URL"),
            "default",
            "default: ~/.deepjunit/history/<project>.db",
            "where every run's quality figures are kept: a JDBC URL (e.g. jdbc:postgresql://host/db), none to keep none");
    public static final Key<String> HISTORY_PROJECT = Key.of(
            "deepjunit.quality.history.project",
            ValueType.text("[A-Za-z0-9._-]+", "letters, digits, '.', '-' or '_'"),
            null,
            "the working directory's name",
            "the project the history records runs under");

    private QualityKeys() {}

    /** Every quality key. */
    public static List<Key<?>> all() {
        return List.of(APPROVE, APPROVED_DIR, HISTORY_URL, HISTORY_PROJECT);
    }
}
