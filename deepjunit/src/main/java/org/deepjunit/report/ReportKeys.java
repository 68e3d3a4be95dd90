package org.deepjunit.report;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/** Where DeepJUnit writes: the report and, beside it, saved inputs and data files. */
@API(status = STABLE, since = "0.1")
public final class ReportKeys {

    public static final Key<Path> DIRECTORY = Key.of(
            "deepjunit.report.dir",
            ValueType.path(),
            Path.of("target/deepjunit"),
            "target/deepjunit",
            "the report directory; generated/ and inputs/ hold saved inputs, quality/ the quality pages");

    private ReportKeys() {}

    public static List<Key<?>> all() {
        return List.of(DIRECTORY);
    }
}
