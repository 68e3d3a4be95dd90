package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/** The {@code deepjunit.explain.*} configuration parameters. */
@API(status = EXPERIMENTAL, since = "0.5")
public final class ExplainKeys {

    public static final Key<Boolean> OVERLAYS = Key.of(
            "deepjunit.explain.overlays",
            ValueType.bool(),
            true,
            "true",
            "true writes a heat-map overlay (integrated gradients, or occlusion without gradients) beside every saved"
                    + " image input: disagreements and generated inputs");
    public static final Key<Boolean> APPROVE = Key.of(
            ApprovedAttributions.APPROVE,
            ValueType.bool(),
            false,
            "false",
            "true makes every attribution an @Explanations test checks its approved attribution map");
    public static final Key<Path> APPROVED_DIR = Key.of(
            "deepjunit.explain.approved.dir",
            ValueType.path(),
            Path.of("src/test/resources/deepjunit/approved"),
            "src/test/resources/deepjunit/approved",
            "where approved and received attribution maps are");

    private ExplainKeys() {}

    /** Every explanation key. */
    public static List<Key<?>> all() {
        return List.of(OVERLAYS, APPROVE, APPROVED_DIR);
    }
}
