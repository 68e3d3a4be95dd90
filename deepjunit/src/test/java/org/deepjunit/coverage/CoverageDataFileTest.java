package org.deepjunit.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.NeuronValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data file: round trip, and a write that dies half-way leaves the previous file intact. */
class CoverageDataFileTest {

    /** Serialising it fails after part of the file has been written, like a run killed mid-write. */
    public static final class Explodes {
        public String getFirst() {
            return "x".repeat(100_000);
        }

        public String getSecond() {
            throw new IllegalStateException("killed mid-write");
        }
    }

    private static CoverageData sample() {
        TinyModel model = new TinyModel("tiny");
        RecordingSpec spec = RecordingSpec.defaults();
        ModelCoverage c = new ModelCoverage("tiny", "fp", spec, null, spec.select(model));
        c.record(NeuronValues.of(model.activations(TinyModel.inputs(1, 0, 0, 2), List.of("dense1", "out"))));
        c.request(0.25, true);
        c.addFiles(List.of(new ModelFiles.Entry("tiny.zip", "ab".repeat(32))));
        CoverageData data = new CoverageData();
        data.add(c);
        data.addVerdict(new CoverageData.Verdict(c.key(), "model tiny", true, "ok"));
        return data;
    }

    @Test
    void roundTripKeepsEverything(@TempDir Path dir) throws IOException {
        CoverageData data = sample();
        Path file = dir.resolve("data.json");
        data.write(file);
        assertThat(CoverageData.read(file).toJson()).isEqualTo(data.toJson());
        assertThat(CoverageData.read(file).models().get(0).files())
                .containsExactly(new ModelFiles.Entry("tiny.zip", "ab".repeat(32)));
    }

    @Test
    void mergingKeepsTheFilesOfEveryPart() {
        CoverageData data = sample();
        ModelCoverage other = data.models().get(0).emptyCopy();
        other.addFiles(List.of(new ModelFiles.Entry("repacked.zip", "cd".repeat(32))));
        data.add(other);
        assertThat(data.models().get(0).files())
                .extracting(ModelFiles.Entry::path)
                .containsExactly("repacked.zip", "tiny.zip");
    }

    @Test
    void failedWriteKeepsThePreviousFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        sample().write(file);
        String before = Files.readString(file);
        ObjectNode broken = sample().toJson();
        broken.set("extra", new POJONode(new Explodes()));
        assertThatThrownBy(() -> CoverageData.writeAtomically(file, broken)).hasMessageContaining("killed mid-write");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(CoverageData.read(file).toJson()).isEqualTo(sample().toJson());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rejectsOtherFiles() {
        assertThatThrownBy(() ->
                        CoverageData.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
                .hasMessage("Not a DeepJUnit coverage data file (format missing, expected deepjunit-coverage/1)");
    }
}
