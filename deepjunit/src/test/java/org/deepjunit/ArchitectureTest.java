package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are the architecture (see DESIGN.md): read from the sources, so that a change that breaks a rule
 * fails the build. The root package is the only JUnit code, no package imports one that imports it back, every
 * public type is marked with {@code @API}, and no source file is a class doing several jobs.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?([\\w.]+)\\.[A-Z]\\w*(?:\\.[\\w*]+)?;", Pattern.MULTILINE);
    private static final Map<Path, String> SOURCES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                SOURCES.put(f, Files.readString(f));
            }
        }
        assertThat(SOURCES).hasSizeGreaterThan(100);
    }

    private static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    /** Imported packages, comments stripped. */
    private static Set<String> imports(String source) {
        Set<String> packages = new TreeSet<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    @Test
    void junitAppearsOnlyInTheRootPackage() {
        List<String> offenders = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            if (!packageOf(source).equals("org.deepjunit")
                    && imports(source).stream()
                            .anyMatch(p -> p.startsWith("org.junit") || p.startsWith("org.opentest4j"))) {
                offenders.add(file.toString());
            }
        });
        assertThat(offenders).as("files below the root package that use JUnit").isEmpty();
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Map<String, Set<String>> deps = new HashMap<>();
        SOURCES.values().forEach(source -> {
            String pkg = packageOf(source);
            Set<String> own = deps.computeIfAbsent(pkg, k -> new HashSet<>());
            imports(source).stream()
                    .filter(p -> p.startsWith("org.deepjunit") && !p.equals(pkg))
                    .forEach(own::add);
        });
        List<String> cycles = new ArrayList<>();
        for (String a : deps.keySet()) {
            for (String b : deps.get(a)) {
                if (reaches(deps, b, a, new HashSet<>())) {
                    cycles.add(a + " <-> " + b);
                }
            }
        }
        assertThat(cycles).isEmpty();
        assertThat(deps.get("org.deepjunit.model"))
                .as("the bottom package imports no other")
                .isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> deps, String from, String to, Set<String> seen) {
        for (String next : deps.getOrDefault(from, Set.of())) {
            if (next.equals(to) || (seen.add(next) && reaches(deps, next, to, seen))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyPublicTypeIsMarkedWithApi() {
        List<String> unmarked = new ArrayList<>();
        Pattern publicType = Pattern.compile(
                "^public (final |abstract )?(class|interface|record|enum|@interface) ", Pattern.MULTILINE);
        SOURCES.forEach((file, source) -> {
            if (publicType.matcher(source).find() && !source.contains("\n@API(status = ")) {
                unmarked.add(file.toString());
            }
        });
        assertThat(unmarked).isEmpty();
    }
}
