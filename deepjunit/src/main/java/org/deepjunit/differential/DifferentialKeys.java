package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/** The {@code deepjunit.differential.*} configuration parameters; an annotation attribute that is set wins. */
@API(status = STABLE, since = "0.1")
public final class DifferentialKeys {

    public static final Key<Double> TOLERANCE_ABSOLUTE = Key.of(
            "deepjunit.differential.tolerance.absolute",
            ValueType.number(0, true, Double.POSITIVE_INFINITY, false),
            Tolerance.DEFAULT_ABSOLUTE,
            "1e-6",
            "absolute tolerance per output element");
    public static final Key<Double> TOLERANCE_RELATIVE = Key.of(
            "deepjunit.differential.tolerance.relative",
            ValueType.number(0, true, Double.POSITIVE_INFINITY, false),
            Tolerance.DEFAULT_RELATIVE,
            "0.01",
            "relative tolerance per output element, of the larger magnitude");
    public static final Key<String> VARIANT = Key.of(
            "deepjunit.differential.variant",
            ValueType.text("[A-Za-z0-9_-]*", "letters, digits, '-' or '_' (it becomes part of a file name)"),
            "",
            "none",
            "the approved files' variant, as in Class.method.gpu.approved.json");
    public static final Key<Boolean> APPROVE = Key.of(
            "deepjunit.differential.approve",
            ValueType.bool(),
            false,
            "false",
            "true renames every received file the run reaches to its approved file");
    public static final Key<Path> APPROVED_DIR = Key.of(
            "deepjunit.differential.approved.dir",
            ValueType.path(),
            Path.of("src/test/resources/deepjunit/approved"),
            "src/test/resources/deepjunit/approved",
            "where approved and received files are");

    private DifferentialKeys() {}

    /** Every differential key. */
    public static List<Key<?>> all() {
        return List.of(TOLERANCE_ABSOLUTE, TOLERANCE_RELATIVE, VARIANT, APPROVE, APPROVED_DIR);
    }
}
