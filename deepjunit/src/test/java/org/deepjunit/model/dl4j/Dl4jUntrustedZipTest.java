package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A DL4J zip carrying a Java-serialized object is refused before DL4J deserializes it, unless opted in. */
// one static flag tells whether the payload ran: the methods run one after another, not against each other
@Execution(ExecutionMode.SAME_THREAD)
class Dl4jUntrustedZipTest {

    /** Stands for a deserialization gadget: reading it back runs code. */
    static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean ran;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            ran = true;
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Payload.ran = false;
    }

    private Path zipWithPreprocessor(Object object) throws IOException {
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(4), plain.toFile(), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return Dl4jZips.rewrite(plain, dir.resolve("untrusted.zip"), null, "preprocessor.bin", bytes.toByteArray());
    }

    @Test
    void preprocessorEntryIsRefusedBeforeDeserialization() throws IOException {
        HashMap<String, Object> map = new HashMap<>();
        map.put("payload", new Payload());
        Path zip = zipWithPreprocessor(map);
        assertThatThrownBy(() -> Dl4jModel.load(zip))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("'preprocessor.bin'")
                .hasMessageContaining("Java deserialization")
                .hasMessageContaining("Dl4jModel.builder(zip).allowJavaDeserialization()");
        assertThat(Payload.ran).as("the payload's readObject ran").isFalse();
    }

    @Test
    void optInLetsDl4jDeserializeIt() throws IOException {
        Path zip = zipWithPreprocessor(new Payload());
        // DL4J reads the object, then fails to cast it to a DataSetPreProcessor: the opt-in is what the refusal
        // above guards against.
        assertThatThrownBy(
                        () -> Dl4jModel.builder(zip).allowJavaDeserialization().build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString());
        assertThat(Payload.ran).isTrue();
    }

    @Test
    void zipWithoutJavaObjectsLoadsAsBefore() throws IOException {
        Path zip = dir.resolve("clean.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(4), zip.toFile(), true);
        try (Dl4jModel model = Dl4jModel.load(zip)) {
            assertThat(model.outputShape().dims()).containsExactly(3);
        }
    }

    @Test
    void anEntryNameThatIsNotUtf8IsACorruptZipNamingTheFile() throws IOException {
        Path zip = dir.resolve("bad-name.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(4), zip.toFile(), false);
        byte[] bytes = java.nio.file.Files.readAllBytes(zip);
        bytes[30] =
                (byte) 0xFF; // the first local header's name: ZipInputStream, as DL4J reads the zip, cannot decode it
        java.nio.file.Files.write(zip, bytes);
        assertThatThrownBy(() -> Dl4jModel.load(zip))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("truncated or corrupt");
    }
}
