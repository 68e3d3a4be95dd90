package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run line appears only when JavaCPP is there and its cache holds nothing yet. */
class NativesNoticeTest {

    @TempDir
    Path home;

    @Test
    void anEmptyOrMissingCacheGetsTheLine() throws IOException {
        Path missing = home.resolve(".javacpp/cache");
        assertThat(NativesNotice.message(missing, true))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("[deepjunit] First run on this machine")
                        .contains(missing.toString())
                        .contains("1.1 GB"));
        Files.createDirectories(missing);
        assertThat(NativesNotice.message(missing, true)).isPresent();
    }

    @Test
    void aFilledCacheOrNoJavaCppStaysQuiet() throws IOException {
        Path cache = Files.createDirectories(home.resolve(".javacpp/cache"));
        Files.createDirectories(cache.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"));
        assertThat(NativesNotice.message(cache, true)).isEmpty();
        assertThat(NativesNotice.message(home.resolve("nowhere"), false)).isEmpty();
    }
}
