package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corrupt {@code keras_metadata.pb} never loses a layer: one flipped bit that hides a layer's name, or renames it,
 * makes the metadata disagree with the graph's name scopes, and the layers then come from the graph with a warning.
 */
class KerasMetadataMismatchTest {

    @Test
    void aFlippedNameKeyKeepsTheOutputLayerAndWarns(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("flipped");
        KerasSavedModelFixtures.write(
                KerasSavedModelFixtures.dense(), model, KerasSavedModelFixtures.Metadata.KERAS_METADATA_PB, false);
        // 'm' (0x6d) → 'e' (0x65) is one bit: the layer's config loses its "name" key
        flip(model, "\"name\":\"dense_1\"", "\"naee\":\"dense_1\"");
        List<LogRecord> warnings = new ArrayList<>();
        try (Recording r = new Recording(warnings, model);
                TensorFlowModel m = TensorFlowModel.load(model)) {
            assertThat(KerasFixtureModels.names(m.layers())).containsExactly("flatten", "dense", "dropout", "dense_1");
            assertThat(m.layer("dense_1").kind()).isEqualTo(LayerKind.DENSE);
            assertThat(m.layer("dropout").kind()).isEqualTo(LayerKind.DROPOUT);
            Tensor x = KerasFixtureModels.randomInputs();
            assertThat(m.activations(x).layer("dense_1").maxAbsDifference(m.predict(x)))
                    .isZero();
            assertThat(m.toString())
                    .contains("keras_metadata.pb not used (it disagrees with the graph")
                    .contains("1 layer(s) without a readable name or class_name")
                    .contains("graph layer(s) [dense_1] are missing from it");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getMessage()).contains(model.toString()).contains("re-export");
        }
    }

    @Test
    void aRenamedLayerKeepsTheGraphsLayer(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("renamed");
        KerasSavedModelFixtures.write(
                KerasSavedModelFixtures.dense(), model, KerasSavedModelFixtures.Metadata.KERAS_METADATA_PB, false);
        flip(model, "\"name\":\"dropout\"", "\"name\":\"dropoup\"");
        List<LogRecord> warnings = new ArrayList<>();
        try (Recording r = new Recording(warnings, model);
                TensorFlowModel m = TensorFlowModel.load(model)) {
            assertThat(KerasFixtureModels.names(m.layers())).containsExactly("flatten", "dense", "dropout", "dense_1");
            assertThat(m.toString())
                    .contains("layer(s) [dropoup] have no ops in the graph")
                    .contains("graph layer(s) [dropout] are missing from it");
            assertThat(warnings).hasSize(1);
        }
    }

    @Test
    void anUnreadableMetadataFileKeepsEveryLayerOfTheGraph(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("truncated");
        KerasSavedModelFixtures.write(
                KerasSavedModelFixtures.dense(), model, KerasSavedModelFixtures.Metadata.KERAS_METADATA_PB, false);
        Path pb = model.resolve("keras_metadata.pb");
        byte[] bytes = Files.readAllBytes(pb);
        Files.write(pb, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<LogRecord> warnings = new ArrayList<>();
        try (Recording r = new Recording(warnings, model);
                TensorFlowModel m = TensorFlowModel.load(model)) {
            assertThat(KerasFixtureModels.names(m.layers())).containsExactly("flatten", "dense", "dropout", "dense_1");
            assertThat(m.toString()).contains("keras_metadata.pb not used (it is unreadable");
            assertThat(warnings).hasSize(1);
        }
    }

    @Test
    void intactMetadataIsUsedWithoutWarning() {
        List<LogRecord> warnings = new ArrayList<>();
        Path model = KerasFixtureModels.fixture("dense");
        try (Recording r = new Recording(warnings, model);
                TensorFlowModel m = TensorFlowModel.load(model)) {
            assertThat(KerasFixtureModels.names(m.layers())).containsExactly("flatten", "dense", "dropout", "dense_1");
            assertThat(m.toString()).contains("layer names from Keras metadata").doesNotContain("not used");
            assertThat(warnings).isEmpty();
        }
    }

    private static void flip(Path model, String from, String to) throws IOException {
        Path pb = model.resolve("keras_metadata.pb");
        String bytes = new String(Files.readAllBytes(pb), StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains(from);
        Files.write(pb, bytes.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Collects the warnings of the metadata cross-check about {@code model} while open; the logger is shared by the
     * tests running in parallel, so the warnings about other models are left out.
     */
    private static final class Recording extends Handler implements AutoCloseable {
        private final List<LogRecord> records;
        private final String model;
        private final Logger logger = Logger.getLogger(KerasLayerScopes.class.getName());

        Recording(List<LogRecord> records, Path model) {
            this.records = records;
            this.model = model.toString();
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getMessage().contains(model)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
