package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user who configures PostgreSQL without adding its driver is told which artifact to add. */
class MissingDriverTest {

    @Test
    void aPostgresUrlWithoutTheDriverNamesOrgPostgresqlPostgresql(@TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').contains("/org/postgresql/"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        classPath,
                        MissingDriverChild.class.getName(),
                        "jdbc:postgresql://ci-db:5432/quality?user=ci&password=hunter2")
                .redirectErrorStream(true)
                .directory(dir.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .contains("HistoryException: No JDBC driver")
                .contains("add the dependency org.postgresql:postgresql")
                .contains("jdbc:postgresql://ci-db:5432/quality")
                .doesNotContain("hunter2");
    }
}
