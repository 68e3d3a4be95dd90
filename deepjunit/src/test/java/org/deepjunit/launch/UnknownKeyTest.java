package org.deepjunit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A misspelt {@code deepjunit.*} key fails the run, whichever way it arrives: as a launcher configuration parameter
 * (Surefire's {@code configurationParameters}) or as a {@code -D} system property. Each case runs in a JVM of its
 * own, through a real launcher.
 */
class UnknownKeyTest {

    private static final String MISSPELT = "Unknown configuration parameter 'deepjunit.coverage.treshold': did you "
            + "mean 'deepjunit.coverage.threshold'?";

    @Test
    void aMisspeltLauncherParameterFailsTheClassNamingTheNearestKey() throws Exception {
        List<String> out = probe(List.of(), "deepjunit.coverage.treshold=0.5");
        assertThat(out).contains("FAILURE: " + MISSPELT, "SUCCEEDED: 0");
    }

    @Test
    void aMisspeltSystemPropertyFailsTheClassToo() throws Exception {
        List<String> out = probe(List.of("-Ddeepjunit.coverage.treshold=0.5"));
        assertThat(out).contains("FAILURE: " + MISSPELT, "SUCCEEDED: 0");
    }

    @Test
    void knownKeysPass() throws Exception {
        assertThat(probe(List.of("-Ddeepjunit.version=1.2"), "deepjunit.coverage.threshold=0.5"))
                .containsExactly("SUCCEEDED: 1");
    }

    private static List<String> probe(List<String> jvmOptions, String... parameters)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Ddeepjunit.quality.history.url=none"); // the suite keeps no history in the home folder
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LaunchProbe.class.getName());
        command.addAll(List.of(parameters));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.lines()
                .filter(l -> l.startsWith("FAILURE: ") || l.startsWith("SUCCEEDED: "))
                .toList();
    }
}
