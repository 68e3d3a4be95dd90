package org.deepjunit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.deepjunit.config.Key;
import org.deepjunit.coverage.CoverageKeys;
import org.deepjunit.differential.DifferentialKeys;
import org.deepjunit.explain.ExplainKeys;
import org.deepjunit.generation.GenerationKeys;
import org.deepjunit.quality.QualityKeys;
import org.deepjunit.report.ReportKeys;

/**
 * The registry of every {@code deepjunit.*} configuration parameter, and the check that names what is not one: a
 * misspelt key ({@code deepjunit.coverage.treshold}) must not pass silently. Names come from the run's
 * configuration parameters (handed over by {@link DeepJUnitListener} when a launcher runs the tests), the
 * {@code junit-platform.properties} files on the class path and {@code deepjunit.*} system properties.
 */
final class ConfigurationKeys {

    /** Keys of earlier snapshots, with what replaced them. */
    private static final Map<String, String> RENAMED = renamed();

    /** Configuration parameter names the launchers of this JVM were given. */
    private static final Set<String> FROM_LAUNCHERS = ConcurrentHashMap.newKeySet();

    private ConfigurationKeys() {}

    /** Every key, grouped by feature. */
    static List<Key<?>> all() {
        return Stream.of(
                        ReportKeys.all(),
                        CoverageKeys.all(),
                        GenerationKeys.all(),
                        DifferentialKeys.all(),
                        QualityKeys.all(),
                        ExplainKeys.all())
                .flatMap(List::stream)
                .toList();
    }

    /** The README's reference table: one row per key, with its default and what it does. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | what it sets |\n|---|---|---|\n");
        for (Key<?> k : all()) {
            table.append("| `")
                    .append(k.name())
                    .append("` | ")
                    .append(k.defaultText())
                    .append(" | ")
                    .append(k.description())
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Remembers the configuration parameter names a launcher's test plan was given. */
    static void seen(Collection<String> names) {
        names.stream().filter(n -> n.startsWith(Key.PREFIX)).forEach(FROM_LAUNCHERS::add);
    }

    /** What is wrong with the names visible to this run: one line per unknown or renamed key, empty when none. */
    static List<String> problems() {
        Set<String> system = new TreeSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(Key.PREFIX)) {
                system.add(name);
            }
        }
        // A launcher's parameters include the system properties: those are judged as system properties.
        Set<String> names = new TreeSet<>(FROM_LAUNCHERS);
        names.addAll(propertiesFileKeys());
        names.removeAll(system);
        List<String> problems = new ArrayList<>(problems(names, false));
        problems.addAll(problems(system, true));
        return problems;
    }

    /**
     * The problems of these names. System properties ({@code lenient}) may hold other {@code deepjunit.*} values
     * (a build's own {@code deepjunit.version}), so only names in a DeepJUnit namespace or close to a known key
     * count there.
     */
    static List<String> problems(Collection<String> names, boolean lenient) {
        Map<String, Key<?>> known = new LinkedHashMap<>();
        all().forEach(k -> known.put(k.name(), k));
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith(Key.PREFIX) || known.containsKey(name)) {
                continue;
            }
            if (RENAMED.containsKey(name)) {
                problems.add("Configuration parameter '" + name + "' " + RENAMED.get(name));
                continue;
            }
            String nearest = null;
            int best = Integer.MAX_VALUE;
            for (String k : known.keySet()) {
                int d = distance(name, k);
                if (d < best) {
                    best = d;
                    nearest = k;
                }
            }
            boolean close = best <= Math.max(3, name.length() / 5);
            if (lenient && !close && !inNamespace(name, known.keySet())) {
                continue;
            }
            problems.add("Unknown configuration parameter '" + name + "'"
                    + (close
                            ? ": did you mean '" + nearest + "'?"
                            : ": DeepJUnit's parameters start with " + String.join("*, ", namespaces(known.keySet()))
                                    + "* and are listed in its README"));
        }
        return problems;
    }

    private static boolean inNamespace(String name, Set<String> known) {
        return namespaces(known).stream().anyMatch(name::startsWith);
    }

    /** {@code deepjunit.coverage.}, {@code deepjunit.generation.}, …: the first segment after the prefix. */
    private static Set<String> namespaces(Set<String> known) {
        Set<String> namespaces = new TreeSet<>();
        for (String k : known) {
            namespaces.add(k.substring(0, k.indexOf('.', Key.PREFIX.length()) + 1));
        }
        return namespaces;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Set<String> propertiesFileKeys() {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Enumeration<URL> files = (loader != null ? loader : ConfigurationKeys.class.getClassLoader())
                    .getResources("junit-platform.properties");
            while (files.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                properties.stringPropertyNames().stream()
                        .filter(n -> n.startsWith(Key.PREFIX))
                        .forEach(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read junit-platform.properties: " + e.getMessage(), e);
        }
        return names;
    }

    private static Map<String, String> renamed() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("deepjunit.approve", "was renamed to 'deepjunit.differential.approve'");
        r.put("deepjunit.approved.dir", "was renamed to 'deepjunit.differential.approved.dir'");
        r.put("deepjunit.coverage.topk", "was renamed to 'deepjunit.coverage.topK'");
        for (String k : List.of("lambda1", "lambda2", "step")) {
            r.put("deepjunit.generation." + k, "was renamed to 'deepjunit.generation.deepxplore." + k + "'");
        }
        for (String k : List.of("iterations", "threshold")) {
            r.put(
                    "deepjunit.generation." + k,
                    "was split into 'deepjunit.generation.deepxplore." + k + "' and 'deepjunit.generation.fuzzing." + k
                            + "'");
        }
        return Map.copyOf(r);
    }
}
