package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * DeepXplore over image pipelines of DeepXplore's three LeNets, in raw pixel space: with {@code integers = true}
 * every generated input is an 8-bit image whose disagreement survives a PNG round trip, and the summary says how
 * many gradient-found differences vanished when rounded.
 */
class EightBitPipelineGenerationTest {

    // One list per subject method: the two tests may run in parallel.
    static final List<GeneratedInput> EIGHT_BIT = new CopyOnWriteArrayList<>();
    static final List<GeneratedInput> UNROUNDED = new CopyOnWriteArrayList<>();

    @TempDir
    Path reports;

    /** 8-bit pixels [28, 28, 1] in, the LeNet (trained on [0, 1]) behind a scale stage. */
    static TensorPipeline pixels(LeNet net) {
        return TensorPipeline.builder(net.modelName() + "-pixels", Shape.of(28, 28, 1))
                .then(Tensors.scale(1 / 255.0))
                .model(GeneratedInputsExtensionTest.twin(net))
                .build();
    }

    static class Subject {
        @TestModel("p1")
        static Model p1() {
            return pixels(LeNet.LENET1);
        }

        @TestModel("p4")
        static Model p4() {
            return pixels(LeNet.LENET4);
        }

        @TestModel("p5")
        static Model p5() {
            return pixels(LeNet.LENET5);
        }

        @GeneratedInputs(
                models = {"p1", "p4", "p5"},
                seedSource = GeneratedInputsExtensionTest.MNIST,
                labels = GeneratedInputsExtensionTest.LABELS,
                scale = 1,
                range = {0, 255},
                integers = true,
                seeds = 64,
                batch = 32,
                seed = 42)
        // in 0–255 units; steps small enough that some disagreements vanish when rounded
        @DeepXploreSearch(step = 60, iterations = 100)
        void eightBit(GeneratedInput input) {
            EIGHT_BIT.add(input);
        }

        @GeneratedInputs(
                models = {"p1", "p4", "p5"},
                seedSource = GeneratedInputsExtensionTest.MNIST,
                labels = GeneratedInputsExtensionTest.LABELS,
                scale = 1,
                range = {0, 255},
                seeds = 64,
                batch = 32,
                seed = 42)
        @DeepXploreSearch(step = 1000)
        void unrounded(GeneratedInput input) {
            UNROUNDED.add(input);
        }
    }

    @Test
    void generatedInputsAre8BitImagesThatStillDisagreeAfterAPngRoundTrip() throws Exception {
        EIGHT_BIT.clear();
        EngineExecutionResults results = run("eightBit");
        results.testEvents().assertStatistics(s -> s.failed(0));
        List<GeneratedInput> inputs = new ArrayList<>(EIGHT_BIT);
        assertThat(inputs).isNotEmpty();
        Matcher counts = Pattern.compile(
                        "rounded to integers, (\\d+) still made the models disagree and (\\d+) no longer did")
                .matcher(GenerationTestKit.summary(results));
        assertThat(counts.find()).as(GenerationTestKit.summary(results)).isTrue();
        assertThat(Integer.parseInt(counts.group(1))).isEqualTo(inputs.size());
        assertThat(Integer.parseInt(counts.group(2)))
                .as("with these seeds some disagreements vanish at 8 bits, so the filter is exercised")
                .isPositive();
        assertThat(inputs).anyMatch(i -> !i.parameters().get("iterations").equals("0"));

        List<TensorPipeline> pipelines = List.of(pixels(LeNet.LENET1), pixels(LeNet.LENET4), pixels(LeNet.LENET5));
        try {
            for (GeneratedInput input : inputs) {
                float[] pixels = input.tensor().toFloatArray();
                for (float v : pixels) {
                    assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
                }
                Tensor decoded = pngRoundTrip(pixels);
                assertThat(decoded.toFloatArray()).containsExactly(pixels);
                List<Integer> answers = new ArrayList<>();
                for (TensorPipeline p : pipelines) {
                    answers.add(p.predict(decoded).argMax()[0]);
                }
                assertThat(answers.stream().distinct().count())
                        .as("the models still disagree on %s after a PNG round trip: %s", input, answers)
                        .isGreaterThan(1);
            }
        } finally {
            pipelines.forEach(TensorPipeline::close);
        }
    }

    @Test
    void withoutIntegersTheGradientStepsLeaveFractionalPixels() {
        UNROUNDED.clear();
        EngineExecutionResults results = run("unrounded");
        results.testEvents().assertStatistics(s -> s.failed(0));
        assertThat(GenerationTestKit.summary(results)).doesNotContain("rounded to integers");
        assertThat(UNROUNDED).anyMatch(i -> {
            for (float v : i.tensor().toFloatArray()) {
                if (v != Math.rint(v)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Writes 8-bit gray pixels as a PNG and decodes it again, as a pipeline reading image files would. */
    private static Tensor pngRoundTrip(float[] pixels) throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, (int) pixels[i]);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        float[] decoded = new float[pixels.length];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = back.getRaster().getSample(i % 28, i / 28, 0);
        }
        return Tensor.of(decoded, 1, 28, 28, 1);
    }

    private EngineExecutionResults run(String method) {
        return GenerationTestKit.run(reports, Subject.class, method);
    }
}
