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

    private QualityKeys() {}

    /** Every quality key. */
    public static List<Key<?>> all() {
        return List.of(APPROVE, APPROVED_DIR);
    }
}
