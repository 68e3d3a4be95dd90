package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.deepjunit.data.Json;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations written beside saved inputs, named in their JSON and shown in the folder's index. */
class ExplainedInputsTest {

    private static final double[][] W = ExplainNets.weights(61, 3, 20);

    @Test
    void aModelWithGradientsIsExplainedByIntegratedGradients(@TempDir Path dir) throws Exception {
        try (Model linear = ExplainNets.linear("linear-image", W, new double[3], 4)) {
            Tensor x = ExplainNets.uniform(62, 0, 1, 1, 4, 5, 1);
            SavedInputs.Saved saved = SavedInputs.save(dir, "input-1", x, new double[] {0, 1}, Map.of("test", "t"));
            Optional<Path> overlay = ExplainedInputs.writeBeside(linear, x, saved, new double[] {0, 1});
            assertThat(overlay).contains(dir.resolve("input-1.explanation.png"));
            JsonNode json = Json.readTree(Files.readAllBytes(saved.json()));
            assertThat(json.path("explanationFile").asText()).isEqualTo("input-1.explanation.png");
            int predicted = linear.predict(x).argMax()[0];
            assertThat(json.path("explanation").asText())
                    .isEqualTo("integrated gradients of linear-image, logit of class " + predicted
                            + " (completeness error 0.00%)");
            assertThat(json.path("test").asText()).as("the metadata stays").isEqualTo("t");
            SavedInputs.writeIndex(dir, "Saved", "inputs");
            assertThat(Files.readString(dir.resolve("index.html")))
                    .contains("<img src=\"input-1.png\" alt=\"input input-1\"")
                    .contains("<img src=\"input-1.explanation.png\" alt=\"explanation of input-1\"")
                    .contains("<figcaption>integrated gradients of linear-image");
        }
    }

    @Test
    void aModelWithoutGradientsIsExplainedByOcclusion(@TempDir Path dir) throws Exception {
        Model plain = ExplainNets.predictOnly("plain", W, new double[3], Shape.of(4, 5, 1));
        Tensor x = ExplainNets.uniform(63, 0, 1, 1, 4, 5, 1);
        SavedInputs.Saved saved = SavedInputs.save(dir, "p", x, null, Map.of());
        assertThat(ExplainedInputs.writeBeside(plain, x, saved, null)).isPresent();
        assertThat(Json.readTree(Files.readAllBytes(saved.json()))
                        .path("explanation")
                        .asText())
                .startsWith("occlusion of plain, logit of class ");
    }

    @Test
    void inputsThatAreNoImagesOrCannotBeExplainedGetNone(@TempDir Path dir) throws Exception {
        Model plain = ExplainNets.predictOnly("tabular", W, new double[3], Shape.of(20));
        Tensor x = ExplainNets.uniform(64, 0, 1, 1, 20);
        SavedInputs.Saved vector = SavedInputs.save(dir, "v", x, null, Map.of());
        assertThat(ExplainedInputs.writeBeside(plain, x, vector, null)).isEmpty();

        Model broken =
                ExplainNets.predictOnly("broken", new double[][] {{Double.NaN}}, new double[1], Shape.of(1, 1, 1));
        Tensor image = ExplainNets.uniform(65, 0, 1, 1, 4, 5, 1);
        SavedInputs.Saved saved = SavedInputs.save(dir, "i", image, null, Map.of());
        assertThat(ExplainedInputs.writeBeside(broken, image, saved, null)).isEmpty();
        assertThat(Json.readTree(Files.readAllBytes(saved.json()))
                        .path("explanationError")
                        .asText())
                .startsWith("cannot explain on model 'broken': ");
        assertThat(dir.resolve("i.explanation.png")).doesNotExist();
    }
}
