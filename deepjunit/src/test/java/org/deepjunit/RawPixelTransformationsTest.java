package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.Transformation;
import org.deepjunit.generation.Transformations;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Images;
import org.deepjunit.pipeline.Interpolation;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Photos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * Metamorphic generation on a pipeline's raw inputs: photos of digits, 56×56 RGB with dark ink on light paper, go
 * through {@code @Transformations} before the pipeline's grayscale, resize and scale stages, so those stages are
 * under test too. The transformed inputs are raw photos again: integers in 0–255, paper where a move uncovers
 * pixels, and exactly what the pipeline decodes from their PNG.
 */
class RawPixelTransformationsTest {

    /** Written by {@link #writePhotos()}; an annotation needs a constant. */
    static final String PHOTOS = "target/test-data/raw-pixel-photos";

    static final List<GeneratedInput> INPUTS = new CopyOnWriteArrayList<>();

    @TempDir
    Path reports;

    /** Photos of the first 12 MNIST test digits ({@link Photos}), in folders named after their labels. */
    @BeforeAll
    static void writePhotos() throws Exception {
        Dataset mnist =
                Datasets.load(GeneratedInputsExtensionTest.MNIST, GeneratedInputsExtensionTest.LABELS, Double.NaN);
        for (int i = 0; i < 12; i++) {
            Path file = Path.of(PHOTOS, mnist.label(i).getAsInt() + "/" + i + ".png");
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "photo", ".tmp");
            Files.write(temp, Photos.png(Photos.of(mnist.batch(new int[] {i}).toFloatArray())));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The serving pipeline: raw photo pixels in, LeNet-1 (MNIST: white on black, [0, 1]) behind three stages. */
    static TensorPipeline photoReader() {
        return TensorPipeline.builder("photos", Shape.of(56, 56, 3))
                .then(Images.grayscale())
                .then(Images.resize(28, 28, Interpolation.AREA))
                .then(Tensors.scale(-1 / 255.0, 1))
                .model(GeneratedInputsExtensionTest.twin(LeNet.LENET1))
                .build();
    }

    static class Subject {
        @TestModel("photos")
        static Model photos() {
            return photoReader();
        }

        @GeneratedInputs(
                models = "photos",
                seedSource = PHOTOS,
                scale = 1,
                range = {0, 255},
                integers = true,
                seeds = 12,
                seed = 7)
        @Transformations(
                value = {Transformation.ROTATION, Transformation.TRANSLATION, Transformation.NOISE},
                ranges = {"rotation=10:20", "translation=0.1:0.15"},
                fill = 255)
        void keepsItsDigit(GeneratedInput input) {
            INPUTS.add(input);
        }

        @GeneratedInputs(
                models = "photos",
                seedSource = PHOTOS,
                scale = 1,
                range = {0, 255},
                seeds = 2)
        @Transformations(fill = 300)
        void fillOutsideTheRange(GeneratedInput input) {}
    }

    @Test
    void transformsTheRawPhotosBeforeThePipelinesStages() throws Exception {
        INPUTS.clear();
        EngineExecutionResults results = run("keepsItsDigit");
        results.testEvents().assertStatistics(s -> s.failed(0));
        List<GeneratedInput> inputs = new ArrayList<>(INPUTS);
        assertThat(inputs).hasSize(12 * 3);
        try (TensorPipeline reader = photoReader()) {
            for (GeneratedInput input : inputs) {
                Tensor x = input.tensor();
                assertThat(x.shape()).isEqualTo(Shape.of(1, 56, 56, 3));
                float[] v = x.toFloatArray();
                for (float p : v) {
                    assertThat(p).isBetween(0f, 255f).isEqualTo((float) Math.rint(p));
                }
                switch (input.method()) {
                    case "rotation" -> // the top-left corner turns out of the photo: paper, not black
                        assertThat(new float[] {v[0], v[1], v[2]}).containsOnly(255f);
                    case "translation" -> { // moved right by 5.6–8.4 pixels: column 0 is uncovered
                        for (int y = 0; y < 56; y++) {
                            assertThat(v[y * 56 * 3]).as("row %d", y).isEqualTo(255f);
                        }
                    }
                    default ->
                        assertThat(input.l0()).as("noise touches most values").isGreaterThan(v.length / 2);
                }
                // the PNG of the input decodes to exactly the input, so the pipeline's decode stage is covered too
                Tensor decoded = Images.decode().apply(Photos.png(Photos.of56(v)));
                assertThat(decoded.toFloatArray()).containsExactly(v);
                assertThat(reader.predict(decoded).argMax()[0])
                        .as("the recorded prediction on %s", input)
                        .isEqualTo(input.predictions().get("photos"));
            }
        }
    }

    @Test
    void aFillOutsideTheRangeIsAConfigurationError() {
        EngineExecutionResults r = run("fillOutsideTheRange");
        r.testEvents().assertStatistics(s -> s.started(0));
        r.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(
                                TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                                TestExecutionResultConditions.message(m -> m.contains("@Transformations(fill)")
                                        && m.contains("300")
                                        && m.contains("[0.0, 255.0]"))));
    }

    private EngineExecutionResults run(String method) {
        return GenerationTestKit.run(reports, Subject.class, method);
    }
}
