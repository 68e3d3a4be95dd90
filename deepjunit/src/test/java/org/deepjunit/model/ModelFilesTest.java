package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hashes as {@code sha256sum} prints them (the expected values below were printed by it). */
class ModelFilesTest {

    // sha256sum of the three bytes "abc": FIPS 180-2's first example.
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void oneFileIsItsOwnHash(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.bin"), "abc", StandardCharsets.US_ASCII);
        ModelFiles files = ModelFiles.of(file);
        assertThat(files.entries()).containsExactly(new ModelFiles.Entry("a.bin", ABC));
        assertThat(files.sha256()).isEqualTo(ABC);
        files.requireSha256(ABC.toUpperCase(), "a.bin");
    }

    @Test
    void aDirectoryIsTheHashOfItsSha256sumListing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("variables"));
        Files.writeString(dir.resolve("saved_model.pb"), "abc", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("variables/v.index"), "xyz", StandardCharsets.US_ASCII);
        ModelFiles files = ModelFiles.of(dir);
        assertThat(files.entries())
                .containsExactly(
                        new ModelFiles.Entry("saved_model.pb", ABC),
                        new ModelFiles.Entry(
                                "variables/v.index",
                                "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282"));
        // (cd dir && sha256sum saved_model.pb variables/v.index | sha256sum)
        assertThat(files.sha256()).isEqualTo("f39536d6af279180b070749ccc98ecc3bbc393d768ace363140aa3cc98b67d5b");
    }

    @Test
    void aChangedByteFailsThePinNamingBothHashes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("model.zip"), "abd", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ModelFiles.of(file).requireSha256(ABC, "model.zip"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("Model file model.zip has SHA-256 ")
                .hasMessageContaining("but " + ABC + " was pinned");
        assertThatThrownBy(() -> ModelFiles.of(file).requireSha256("abc", "model.zip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A SHA-256 is 64 hexadecimal digits, not 'abc'");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelFiles.of(dir.resolve("gone.h5")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("gone.h5");
    }
}
