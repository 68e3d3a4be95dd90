package org.deepjunit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.config.Key;
import org.deepjunit.coverage.CoverageKeys;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageSettings;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.RecordingSpec;

/**
 * Resolves {@link NeuronCoverage} settings: the method's attribute when set, else the class's, else the
 * {@code deepjunit.coverage.*} configuration parameter, else the default. Every value is validated here, before
 * anything is recorded; a bad one is a {@link ConfigurationException}.
 */
final class CoverageConfig {

    private CoverageConfig() {}

    /**
     * Resolves the settings for a test element; {@code annotations} from the most specific (method) to the least
     * (outermost class), nulls skipped. The first annotation that sets an attribute wins, then the parameter.
     */
    public static CoverageSettings resolve(Configuration s, List<NeuronCoverage> annotations) {
        List<NeuronCoverage> anns =
                annotations.stream().filter(java.util.Objects::nonNull).toList();

        Optional<NeuronCoverage> t = first(anns, a -> !Double.isNaN(a.threshold()));
        double threshold = s.resolve(
                CoverageKeys.THRESHOLD,
                t.map(NeuronCoverage::threshold).orElse(0.0),
                t.isPresent(),
                "@NeuronCoverage(threshold)");
        NeuronCoverage.Scaling scaling = anns.stream()
                .map(NeuronCoverage::scaling)
                .filter(x -> x != NeuronCoverage.Scaling.DEFAULT)
                .findFirst()
                .orElse(null);
        boolean scaled =
                scaling != null ? scaling == NeuronCoverage.Scaling.SCALED : s.getOrDefault(CoverageKeys.SCALED);
        Optional<NeuronCoverage> k = first(anns, a -> a.k() != -1);
        int kValue = s.resolve(CoverageKeys.K, k.map(NeuronCoverage::k).orElse(0), k.isPresent(), "@NeuronCoverage(k)");
        Optional<NeuronCoverage> top = first(anns, a -> a.topK() != -1);
        int topKValue = s.resolve(
                CoverageKeys.TOP_K, top.map(NeuronCoverage::topK).orElse(0), top.isPresent(), "@NeuronCoverage(topK)");

        List<String> include =
                patterns(anns, NeuronCoverage::layers, "@NeuronCoverage(layers)", s, CoverageKeys.LAYERS_INCLUDE);
        List<String> exclude = patterns(
                anns, NeuronCoverage::excludeLayers, "@NeuronCoverage(excludeLayers)", s, CoverageKeys.LAYERS_EXCLUDE);

        String profile = anns.stream()
                .map(NeuronCoverage::profileData)
                .filter(x -> !x.isBlank())
                .findFirst()
                .orElse(s.get(CoverageKeys.PROFILE_DATA).orElse(null));
        Optional<NeuronCoverage> scale = first(anns, a -> !Double.isNaN(a.profileScale()));
        double scaleValue = scale.isPresent()
                ? CoverageKeys.PROFILE_SCALE.type().check(scale.get().profileScale(), "@NeuronCoverage(profileScale)")
                : s.get(CoverageKeys.PROFILE_SCALE).orElse(Double.NaN);

        Set<Criterion> criteria = EnumSet.noneOf(Criterion.class);
        anns.stream()
                .filter(a -> a.criteria().length > 0)
                .findFirst()
                .ifPresentOrElse(
                        a -> criteria.addAll(Arrays.asList(a.criteria())),
                        () -> s.get(CoverageKeys.CRITERIA).ifPresent(criteria::addAll));
        if (criteria.isEmpty()) {
            criteria.addAll(CoverageSettings.defaultCriteria(profile != null));
        }
        if (profile == null) {
            for (Criterion c : criteria) {
                if (c.needsProfile()) {
                    throw new ConfigurationException(c + " needs a profile of the model over training data: "
                            + "set @NeuronCoverage(profileData = ...) or " + CoverageKeys.PROFILE_DATA.name()
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
                    throw ConfigurationException.invalid(
                            "@CoverageRule",
                            Gate.describe(r.model(), r.element(), r.criterion(), r.value(), r.minimum(), r.maximum()),
                            e.getMessage());
                }
            }
        }
        gates.addAll(s.get(CoverageKeys.RULES).orElse(List.of()));
        for (Gate g : gates) {
            if (g.criterion().needsProfile() && profile == null) {
                throw new ConfigurationException("A rule on " + g.criterion() + " needs a profile: set "
                        + "@NeuronCoverage(profileData = ...) or " + CoverageKeys.PROFILE_DATA.name());
            }
        }
        // without TKNC and TKNP nothing needs the top k: recording skips them (NC only is the cheapest recording)
        boolean topK = criteria.contains(Criterion.TKNC) || criteria.contains(Criterion.TKNP);
        for (Gate g : gates) {
            if (!topK && (g.criterion() == Criterion.TKNC || g.criterion() == Criterion.TKNP)) {
                throw new ConfigurationException("A rule on " + g.criterion() + " needs " + g.criterion()
                        + " among the criteria, which are " + criteria + ": add it to @NeuronCoverage(criteria) or "
                        + CoverageKeys.CRITERIA.name());
            }
        }
        RecordingSpec spec = new RecordingSpec(kValue, topK ? topKValue : 0, include, exclude, profile, scaleValue);
        return new CoverageSettings(threshold, scaled, criteria, spec, gates);
    }

    private static Optional<NeuronCoverage> first(List<NeuronCoverage> anns, Predicate<NeuronCoverage> isSet) {
        return anns.stream().filter(isSet).findFirst();
    }

    private static List<String> patterns(
            List<NeuronCoverage> anns,
            Function<NeuronCoverage, String[]> get,
            String attribute,
            Configuration s,
            Key<List<String>> key) {
        for (NeuronCoverage a : anns) {
            String[] v = get.apply(a);
            if (v.length > 0) {
                return key.type().check(List.of(v), attribute);
            }
        }
        return s.get(key).orElse(List.of());
    }
}
