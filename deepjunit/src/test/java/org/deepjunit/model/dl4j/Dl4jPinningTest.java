package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pinned SHA-256 catches a one-byte change before the file is parsed; files() gives what was loaded. */
class Dl4jPinningTest {

    @TempDir
    Path dir;

    private static String sha256sum(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path flipOneByte(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 0x01;
        return Files.write(file, bytes);
    }

    @Test
    void kerasWeightsChangedByOneByteFailWithThePin() throws Exception {
        Path json = Files.copy(Dl4jDeepXploreMnistTest.resource("lenet1.json"), dir.resolve("lenet1.json"));
        Path h5 = Files.copy(Dl4jDeepXploreMnistTest.resource("Model1.h5"), dir.resolve("Model1.h5"));
        String pin = ModelFiles.of(json, h5).sha256();
        try (Dl4jModel model = Dl4jModel.keras(json, h5).sha256(pin).build()) {
            assertThat(model.files().entries())
                    .containsExactly(
                            new ModelFiles.Entry("lenet1.json", sha256sum(json)),
                            new ModelFiles.Entry("Model1.h5", sha256sum(h5)));
            assertThat(model.files().sha256()).isEqualTo(pin);
        }
        flipOneByte(h5, (int) Files.size(h5) - 100); // a weight's byte, far from the HDF5 metadata
        assertThatThrownBy(() -> Dl4jModel.keras(json, h5).sha256(pin).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(h5.toString())
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(pin + " was pinned");
    }

    @Test
    void zipChangedByOneByteFailsWithThePin() throws Exception {
        Path zip = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(5), zip.toFile(), false);
        String pin = sha256sum(zip);
        try (Dl4jModel model = Dl4jModel.builder(zip).sha256(pin.toUpperCase()).build()) {
            assertThat(model.files().entries()).containsExactly(new ModelFiles.Entry("mlp.zip", pin));
        }
        flipOneByte(zip, (int) Files.size(zip) / 2);
        assertThatThrownBy(() -> Dl4jModel.builder(zip).sha256(pin).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("has SHA-256 ");
    }

    @Test
    void wholeKerasModelAndNetworksInMemory() throws Exception {
        try (Dl4jModel inMemory = Dl4jModel.of(Dl4jTestNets.mlp(6))) {
            assertThat(inMemory.files().isEmpty()).isTrue();
        }
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        // A weights-only file given as a whole model: the pin is checked first, then the file is refused.
        assertThatThrownBy(() -> Dl4jModel.keras(h5).sha256("0".repeat(64)).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> Dl4jModel.keras(h5).sha256(sha256sum(h5)).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no model_config");
    }
}
