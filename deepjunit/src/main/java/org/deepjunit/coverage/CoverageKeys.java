package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/** The {@code deepjunit.coverage.*} configuration parameters; an annotation attribute that is set wins. */
@API(status = STABLE, since = "0.1")
public final class CoverageKeys {

    public static final Key<Double> THRESHOLD = Key.of(
            "deepjunit.coverage.threshold",
            ValueType.number(0, true, 1, true),
            0.0,
            "0",
            "NC threshold t: a neuron is covered when some input gives it a value > t");
    public static final Key<Boolean> SCALED = Key.of(
            "deepjunit.coverage.scaled",
            ValueType.bool(),
            true,
            "true",
            "DeepXplore's per-input min-max scaling for NC; false for raw activations");
    public static final Key<List<Criterion>> CRITERIA = Key.optional(
            "deepjunit.coverage.criteria",
            ValueType.listOf(
                    ValueType.enumOf(Criterion.class),
                    "a comma-separated list of " + Arrays.toString(Criterion.values())),
            "NC, TKNC, TKNP (+ KMNC, NBC, SNAC with a profile)",
            "the criteria to record and report; without TKNC and TKNP no top k is recorded (NC alone is the cheapest "
                    + "recording)");
    public static final Key<Integer> K = Key.of(
            "deepjunit.coverage.k",
            ValueType.integerAtLeast(1),
            RecordingSpec.DEFAULT_K,
            "10",
            "KMNC sections per neuron");
    public static final Key<Integer> TOP_K = Key.of(
            "deepjunit.coverage.topK",
            ValueType.integerAtLeast(1),
            RecordingSpec.DEFAULT_TOP_K,
            "2",
            "TKNC/TKNP: how many of a layer's most active neurons count");
    public static final Key<List<String>> LAYERS_INCLUDE = Key.optional(
            "deepjunit.coverage.layers.include",
            regexes(),
            "every layer but input, flatten and reshape",
            "the layers to count: comma-separated regular expressions over layer names");
    public static final Key<List<String>> LAYERS_EXCLUDE = Key.optional(
            "deepjunit.coverage.layers.exclude",
            regexes(),
            "none",
            "the layers not to count: comma-separated regular expressions over layer names");
    public static final Key<List<Gate>> RULES = Key.optional(
            "deepjunit.coverage.rules",
            ValueType.of(Gate.SYNTAX, Gate::parse, rules -> !rules.isEmpty()),
            "none",
            "gates checked after each class, comma-separated " + Gate.SYNTAX);
    public static final Key<String> PROFILE_DATA = Key.optional(
            "deepjunit.coverage.profile.data",
            ValueType.text(".+", "a classpath:/... or file path"),
            "none",
            "training data for the DeepGauge profile: MNIST IDX or .npy, classpath:/... or a file path");
    public static final Key<Double> PROFILE_SCALE = Key.optional(
            "deepjunit.coverage.profile.scale",
            ValueType.number(0, false, Double.POSITIVE_INFINITY, false),
            "1/255 for byte data, else 1",
            "factor applied to the profile data's values");
    /** A system property, not a configuration parameter: the id that Surefire forks of one build share. */
    public static final Key<String> RUN_ID = Key.optional(
            "deepjunit.coverage.run.id",
            ValueType.text("[A-Za-z0-9._-]+", "letters, digits, '.', '-' or '_'"),
            "the build tool's process",
            "system property: the run id shared by the JVMs whose coverage is merged");

    private CoverageKeys() {}

    /** Every coverage key. */
    public static List<Key<?>> all() {
        return List.of(
                THRESHOLD,
                SCALED,
                CRITERIA,
                K,
                TOP_K,
                LAYERS_INCLUDE,
                LAYERS_EXCLUDE,
                RULES,
                PROFILE_DATA,
                PROFILE_SCALE,
                RUN_ID);
    }

    private static ValueType<List<String>> regexes() {
        return ValueType.listOf(
                ValueType.of(
                        "a regular expression",
                        s -> {
                            Pattern.compile(s);
                            return s;
                        },
                        s -> true),
                "comma-separated regular expressions over layer names");
    }
}
