package org.deepjunit.junit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.deepjunit.CoverageRule;
import org.deepjunit.Criterion;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.coverage.CoverageSettings;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.RecordingSpec;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resolves {@link NeuronCoverage} settings: the method's attribute when set, else the class's, else the
 * {@code deepjunit.coverage.*} configuration parameter, else the default. Every value is validated here, before
 * anything is recorded; a bad one is an {@link ExtensionConfigurationException}.
 */
public final class CoverageConfig {

    public static final String THRESHOLD = Settings.PREFIX + "coverage.threshold";
    public static final String SCALED = Settings.PREFIX + "coverage.scaled";
    public static final String CRITERIA = Settings.PREFIX + "coverage.criteria";
    public static final String K = Settings.PREFIX + "coverage.k";
    public static final String TOP_K = Settings.PREFIX + "coverage.topk";
    public static final String INCLUDE = Settings.PREFIX + "coverage.layers.include";
    public static final String EXCLUDE = Settings.PREFIX + "coverage.layers.exclude";
    public static final String RULES = Settings.PREFIX + "coverage.rules";
    public static final String PROFILE_DATA = Settings.PREFIX + "coverage.profile.data";
    public static final String PROFILE_SCALE = Settings.PREFIX + "coverage.profile.scale";

    private CoverageConfig() {
    }

    /** The configured NC threshold, if the parameter is set (for the run's report). */
    public static java.util.Optional<Double> configuredThreshold(Settings s) {
        return s.get(THRESHOLD, Settings.doubleIn(0, 1));
    }

    public static java.util.Optional<Boolean> configuredScaled(Settings s) {
        return s.get(SCALED, Settings.bool());
    }

    /**
     * Resolves the settings for a test element; {@code annotations} from the most specific (method) to the least
     * (outermost class), nulls skipped.
     */
    public static CoverageSettings resolve(ExtensionContext context, List<NeuronCoverage> annotations) {
        Settings s = Settings.of(context);
        List<NeuronCoverage> anns = annotations.stream().filter(java.util.Objects::nonNull).toList();

        double threshold = first(anns, a -> a.threshold() == -1 ? null : a.threshold());
        Double t = Double.isNaN(threshold) ? null : threshold;
        if (t != null && !(t >= 0 && t <= 1)) {
            throw Settings.invalid("@NeuronCoverage(threshold)", trim(t), "a number between 0.0 and 1.0");
        }
        double tValue = t != null ? t : configuredThreshold(s).orElse(0.0);

        NeuronCoverage.Scaling scaling = anns.stream().map(NeuronCoverage::scaling)
                .filter(x -> x != NeuronCoverage.Scaling.DEFAULT).findFirst().orElse(null);
        boolean scaled = scaling != null ? scaling == NeuronCoverage.Scaling.SCALED
                : configuredScaled(s).orElse(true);

        int k = firstInt(anns, NeuronCoverage::k, "@NeuronCoverage(k)", 1);
        int kValue = k != 0 ? k : s.get(K, Settings.intAtLeast(1)).orElse(RecordingSpec.DEFAULT_K);
        int topK = firstInt(anns, NeuronCoverage::topK, "@NeuronCoverage(topK)", 1);
        int topKValue = topK != 0 ? topK : s.get(TOP_K, Settings.intAtLeast(1)).orElse(RecordingSpec.DEFAULT_TOP_K);

        List<String> include = patterns(anns, NeuronCoverage::layers, "@NeuronCoverage(layers)", s, INCLUDE);
        List<String> exclude = patterns(anns, NeuronCoverage::excludeLayers, "@NeuronCoverage(excludeLayers)", s, EXCLUDE);

        String profile = anns.stream().map(NeuronCoverage::profileData).filter(x -> !x.isBlank()).findFirst()
                .orElse(s.raw(PROFILE_DATA).orElse(null));
        double scale = anns.stream().mapToDouble(NeuronCoverage::profileScale).filter(x -> x != 0).findFirst()
                .orElse(Double.NaN);
        if (!Double.isNaN(scale) && !(scale > 0)) {
            throw Settings.invalid("@NeuronCoverage(profileScale)", trim(scale), "a number > 0");
        }
        double scaleValue = !Double.isNaN(scale) ? scale : s.get(PROFILE_SCALE, positive()).orElse(0.0);

        Set<Criterion> criteria = EnumSet.noneOf(Criterion.class);
        anns.stream().filter(a -> a.criteria().length > 0).findFirst()
                .ifPresentOrElse(a -> criteria.addAll(Arrays.asList(a.criteria())),
                        () -> s.get(CRITERIA, CoverageConfig::criteria).ifPresent(criteria::addAll));
        boolean explicit = !criteria.isEmpty();
        if (!explicit) {
            criteria.addAll(CoverageSettings.defaultCriteria(profile != null));
        }
        if (profile == null) {
            for (Criterion c : criteria) {
                if (c.needsProfile()) {
                    throw new ExtensionConfigurationException(c + " needs a profile of the model over training data: "
                            + "set @NeuronCoverage(profileData = ...) or " + PROFILE_DATA
                            + " (MNIST IDX or .npy, classpath:/... or a file path)");
                }
            }
        }

        List<Gate> gates = new ArrayList<>();
        for (NeuronCoverage a : anns) {
            for (CoverageRule r : a.rules()) {
                try {
                    gates.add(Gate.of(r));
                } catch (IllegalArgumentException e) {
                    throw new ExtensionConfigurationException("Invalid @CoverageRule " + describe(r) + ": " + e.getMessage());
                }
            }
        }
        gates.addAll(s.get(RULES, Gate::parse).orElse(List.of()));
        for (Gate g : gates) {
            if (g.criterion().needsProfile() && profile == null) {
                throw new ExtensionConfigurationException("A rule on " + g.criterion() + " needs a profile: set "
                        + "@NeuronCoverage(profileData = ...) or " + PROFILE_DATA);
            }
        }
        RecordingSpec spec = new RecordingSpec(kValue, topKValue, include, exclude, profile, scaleValue);
        return new CoverageSettings(tValue, scaled, criteria, spec, gates);
    }

    private static String describe(CoverageRule r) {
        return r.element() + ":" + r.criterion() + ":" + r.value() + ":" + r.minimum() + ":" + r.maximum();
    }

    private static String trim(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Function<String, Double> positive() {
        return v -> {
            try {
                double d = Double.parseDouble(v);
                if (d > 0 && Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("a number > 0");
        };
    }

    static Set<Criterion> criteria(String text) {
        Set<Criterion> set = EnumSet.noneOf(Criterion.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                set.add(Criterion.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a comma-separated list of " + Arrays.toString(Criterion.values()));
            }
        }
        return set;
    }

    private static double first(List<NeuronCoverage> anns, Function<NeuronCoverage, Double> get) {
        for (NeuronCoverage a : anns) {
            Double v = get.apply(a);
            if (v != null) {
                return v;
            }
        }
        return Double.NaN;
    }

    private static int firstInt(List<NeuronCoverage> anns, java.util.function.ToIntFunction<NeuronCoverage> get,
                                String what, int min) {
        for (NeuronCoverage a : anns) {
            int v = get.applyAsInt(a);
            if (v != 0) {
                if (v < min) {
                    throw Settings.invalid(what, v, "an integer >= " + min);
                }
                return v;
            }
        }
        return 0;
    }

    private static List<String> patterns(List<NeuronCoverage> anns, Function<NeuronCoverage, String[]> get,
                                         String what, Settings s, String key) {
        for (NeuronCoverage a : anns) {
            String[] v = get.apply(a);
            if (v.length > 0) {
                return check(List.of(v), what);
            }
        }
        return s.get(key, text -> check(Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .toList(), null)).orElse(List.of());
    }

    private static List<String> check(List<String> patterns, String what) {
        for (String p : patterns) {
            try {
                java.util.regex.Pattern.compile(p);
            } catch (java.util.regex.PatternSyntaxException e) {
                if (what == null) {
                    throw new IllegalArgumentException("comma-separated regular expressions over layer names");
                }
                throw Settings.invalid(what, p, "a regular expression over layer names");
            }
        }
        return patterns;
    }
}
