package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.config.Key;
import org.deepjunit.differential.DifferentialKeys;
import org.deepjunit.generation.GenerationKeys;
import org.junit.jupiter.api.Test;

/** One registry of every {@code deepjunit.*} key: unique, documented in the README, and unknown names named. */
class ConfigurationKeysTest {

    @Test
    void everyKeyIsDeclaredOnceWithADefaultAndADescription() {
        Set<String> names = new HashSet<>();
        for (Key<?> k : ConfigurationKeys.all()) {
            assertThat(names.add(k.name())).as("%s declared once", k).isTrue();
            assertThat(k.name()).startsWith("deepjunit.").doesNotContainAnyWhitespaces();
            assertThat(k.defaultText()).as("default of %s", k).isNotBlank();
            assertThat(k.description()).as("description of %s", k).isNotBlank();
            if (k.defaultValue() != null) {
                assertThat(k.parse(String.valueOf(k.defaultValue())))
                        .as("%s's default parses", k)
                        .isEqualTo(k.defaultValue());
            }
        }
    }

    @Test
    void aParameterSetToNothingIsAnErrorNotTheDefault() {
        // -Ddeepjunit.coverage.criteria= must not quietly mean "the default criteria" (or none at all).
        for (Key<?> k : ConfigurationKeys.all()) {
            if (k == DifferentialKeys.VARIANT) {
                continue; // "" is its documented "no variant", e.g. -Ddeepjunit.differential.variant=${gpu.suffix}
            }
            assertThatThrownBy(() -> k.parse(""))
                    .as("%s set to nothing", k)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid value '' for " + k.name() + ": expected ");
        }
    }

    @Test
    void aSeedThatIsNoNumberIsNamedAsSuch() {
        assertThatThrownBy(() -> GenerationKeys.SEED.parse("abc"))
                .hasMessage("Invalid value 'abc' for deepjunit.generation.seed: expected an integer");
    }

    @Test
    void theReadmeListsExactlyTheRegistry() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains(ConfigurationKeys.markdownTable());
        // Old names may appear where the migration from them is explained, and nowhere else.
        readme = readme.replaceAll("(?s)## Migrating from earlier snapshots.*?\n## ", "## ");
        Set<String> mentioned = new HashSet<>();
        // As a key is written: `deepjunit.x`, -Ddeepjunit.x=..., or deepjunit.x=... in a properties block.
        Matcher m = Pattern.compile("(?<![\\w.])(deepjunit\\.[A-Za-z0-9.]*[A-Za-z0-9])(?=[=`])")
                .matcher(readme);
        while (m.find()) {
            if (!m.group(1).matches(".*\\.(xml|csv|json)")) { // the report's files
                mentioned.add(m.group(1));
            }
        }
        Set<String> known = new HashSet<>();
        ConfigurationKeys.all().forEach(k -> known.add(k.name()));
        assertThat(known).as("keys of the registry missing from the README").isSubsetOf(mentioned);
        mentioned.removeAll(known);
        assertThat(mentioned).as("names the README gives that are no key").isEmpty();
    }

    @Test
    void unknownNamesAreReportedWithTheNearestKeyOrWhatReplacedThem() {
        assertThat(ConfigurationKeys.problems(
                        List.of(
                                "deepjunit.coverage.treshold",
                                "deepjunit.coverage.threshold",
                                "deepjunit.approve",
                                "deepjunit.generation.iterations",
                                "junit.jupiter.x"),
                        false))
                .containsExactly(
                        "Unknown configuration parameter 'deepjunit.coverage.treshold': did you mean "
                                + "'deepjunit.coverage.threshold'?",
                        "Configuration parameter 'deepjunit.approve' was renamed to 'deepjunit.differential.approve'",
                        "Configuration parameter 'deepjunit.generation.iterations' was split into "
                                + "'deepjunit.generation.deepxplore.iterations' and 'deepjunit.generation.fuzzing.iterations'");
        assertThat(ConfigurationKeys.problems(List.of("deepjunit.version"), false))
                .containsExactly(
                        "Unknown configuration parameter 'deepjunit.version': DeepJUnit's parameters start with "
                                + "deepjunit.coverage.*, deepjunit.differential.*, deepjunit.explain.*, deepjunit.generation.*, deepjunit.quality.*,"
                                + " deepjunit.report.*"
                                + " and are listed in its README");
        // A system property may be a build's own value; only DeepJUnit's namespaces and near misses count there.
        assertThat(ConfigurationKeys.problems(
                        List.of("deepjunit.version", "deepjunit.coverge.threshold", "deepjunit.coverage.whatever"),
                        true))
                .containsExactly(
                        "Unknown configuration parameter 'deepjunit.coverge.threshold': did you mean "
                                + "'deepjunit.coverage.threshold'?",
                        "Unknown configuration parameter 'deepjunit.coverage.whatever': DeepJUnit's parameters start with "
                                + "deepjunit.coverage.*, deepjunit.differential.*, deepjunit.explain.*, deepjunit.generation.*, deepjunit.quality.*,"
                                + " deepjunit.report.*"
                                + " and are listed in its README");
    }

    @Test
    void distanceIsLevenshtein() {
        assertThat(ConfigurationKeys.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigurationKeys.distance("", "abc")).isEqualTo(3);
        assertThat(ConfigurationKeys.distance("threshold", "treshold")).isEqualTo(1);
    }
}
