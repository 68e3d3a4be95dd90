package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deepjunit.model.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What DL4J's Keras importer cannot read is named as what it is, with the way out, instead of a raw HDF5 error,
 * a ClassCastException or "expected a whole Keras model HDF5".
 */
class Dl4jKerasFormatsTest {

    @TempDir
    Path dir;

    private static final Path LENET1 = Dl4jDeepXploreMnistTest.resource("lenet1.json");
    private static final Path WEIGHTS = Dl4jDeepXploreMnistTest.resource("Model1.h5");

    @Test
    void keras3ArchiveIsNamedWithTheWayOut() throws IOException {
        Path file = dir.resolve("model.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : new String[] {"metadata.json", "config.json", "model.weights.h5"}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("{}".getBytes());
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> Dl4jModel.importKeras(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("as Keras 3 saves a .keras model")
                .hasMessageContaining("TensorFlowModel.load(dir)")
                .hasMessageNotContaining("expected a whole Keras model HDF5");
    }

    @Test
    void keras3ArchitectureIsNamedWithTheWayOut() throws IOException {
        String json = Files.readString(LENET1)
                .replaceFirst("\\{\"class_name\": \"Model\"", "{\"module\": \"keras\", \"class_name\": \"Functional\"");
        Path file = Files.writeString(dir.resolve("keras3.json"), json);
        assertThatThrownBy(() -> Dl4jModel.importKeras(file, WEIGHTS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + " was written by Keras 3")
                .hasMessageContaining("export(\"dir\")")
                .hasMessageContaining("TensorFlowModel");
    }

    @Test
    void dictInputModelIsNamedWithTheWayOut() throws IOException {
        String json = Files.readString(LENET1)
                .replace(
                        "\"input_layers\": [[\"input_1\", 0, 0]]",
                        "\"input_layers\": {\"image\": [\"input_1\", 0, 0]}");
        Path file = Files.writeString(dir.resolve("dict.json"), json);
        assertThatThrownBy(() -> Dl4jModel.importKeras(file, WEIGHTS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + " is a Keras model that takes a dict of named inputs image")
                .hasMessageContaining("TensorFlowModel");
    }

    @Test
    void truncatedHdf5IsCalledTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(WEIGHTS);
        Path file = Files.write(dir.resolve("truncated.h5"), Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> Dl4jModel.importKeras(LENET1, file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + " is a corrupt or truncated HDF5 file");
    }

    @Test
    void zeroedHdf5DataIsCalledCorrupt() throws IOException {
        byte[] bytes = Files.readAllBytes(WEIGHTS);
        Arrays.fill(bytes, 800, 4000, (byte) 0);
        Path file = Files.write(dir.resolve("zeroed.h5"), bytes);
        assertThatThrownBy(() -> Dl4jModel.importKeras(LENET1, file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + " is a corrupt or truncated HDF5 file");
    }

    @Test
    void wrongTypeInTheArchitectureIsNamed() throws IOException {
        String json = Files.readString(LENET1)
                .replace("\"inbound_nodes\": [[[\"flatten\", 0, 0, {}]]]", "\"inbound_nodes\": 7");
        Path file = Files.writeString(dir.resolve("types.json"), json);
        assertThatThrownBy(() -> Dl4jModel.importKeras(file, WEIGHTS))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + " has a field of the wrong type");
    }
}
