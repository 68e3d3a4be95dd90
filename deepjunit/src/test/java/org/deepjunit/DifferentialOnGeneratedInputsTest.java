package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.data.Json;
import org.deepjunit.data.Npy;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.InputsSource;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differential test on generated inputs: an input the models disagree on is saved beside the seed it was made from,
 * with its difference map and how it was made, as a generated input's own save is.
 */
class DifferentialOnGeneratedInputsTest {

    @TempDir
    Path dir;

    /** A tolerance no two different networks meet: every input is a disagreement, so every one is saved. */
    @DifferentialAgainst(model = "lenet1", reference = "lenet4", absoluteTolerance = 0, relativeTolerance = 0)
    static class Subject {
        @TestModel("lenet1")
        static Model lenet1() {
            return DeepXploreModels.dl4j(LeNet.LENET1);
        }

        @TestModel("lenet4")
        static Model lenet4() {
            return DeepXploreModels.dl4j(LeNet.LENET4);
        }

        @GeneratedInputs(models = "lenet1", seedSource = GeneratedInputsExtensionTest.MNIST, seeds = 3, seed = 5)
        @InputsSource(SavedInputsPageRunTest.Corner.class)
        void corner(GeneratedInput input, @TestModel("lenet1") Model lenet1) {
            lenet1.predict(input.tensor());
        }

        @Test
        void plain(@TestModel("lenet1") Model lenet1) {
            lenet1.predict(Tensor.zeros(DataType.FLOAT32, Shape.of(1, 28, 28, 1)));
        }
    }

    @Test
    void aDisagreementOnAGeneratedInputIsSavedBesideItsSeed() throws IOException {
        DifferentialTestKit.run(dir, Subject.class, Map.of("deepjunit.quality.history.url", "none"))
                .testEvents()
                .assertStatistics(s -> s.started(4).failed(4));
        Path inputs = dir.resolve("report/inputs");
        List<JsonNode> saved;
        try (Stream<Path> files = Files.list(inputs)) {
            saved = files.filter(f -> f.toString().endsWith(".json"))
                    .map(DifferentialOnGeneratedInputsTest::read)
                    .toList();
        }
        assertThat(saved).hasSize(4);
        List<JsonNode> generated = saved.stream().filter(j -> j.has("seedId")).toList();
        assertThat(generated).hasSize(3);
        for (JsonNode json : generated) {
            assertThat(json.path("generator").asText()).isEqualTo("corner");
            assertThat(json.path("displayName").asText())
                    .contains("seed " + json.path("seedId").asInt());
            assertThat(json.path("differenceFile").asText()).endsWith(".difference.png");
            float[] input = Npy.read(
                            inputs.resolve(json.path("tensorFile").asText()).toString())
                    .values();
            float[] seed = Npy.read(
                            inputs.resolve(json.path("seedTensorFile").asText()).toString())
                    .values();
            // the seed is the input without the painted corner: pixel (0, 0) white in the input only
            assertThat(input[0]).isEqualTo(1f);
            assertThat(seed[0]).isNotEqualTo(1f);
            assertThat(input[20 * 28 + 20]).isEqualTo(seed[20 * 28 + 20]);
            assertThat(json.path("Linf").asDouble()).isCloseTo(maxDifference(input, seed), within(1e-6));
        }
        JsonNode plain =
                saved.stream().filter(j -> !j.has("seedId")).findFirst().orElseThrow();
        assertThat(plain.has("seedTensorFile")).isFalse();
        assertThat(Files.readString(inputs.resolve("index.html"))).contains(".seed.png");
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
