package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deepjunit.data.Json;
import org.deepjunit.data.Npy;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.InputsSource;
import org.deepjunit.model.Model;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The page of saved generated inputs, from a real run of two failing {@code @GeneratedInputs} methods on LeNet-1: each
 * input beside its seed and their difference map, grouped by test, in invocation order, with a metadata table.
 */
class SavedInputsPageRunTest {

    /** The corner the generator paints white: every pixel of it changes on an MNIST digit, whose corners are black. */
    static final int CORNER = 4;

    static final String TEST = Subject.class.getName() + "#";

    @TempDir
    static Path reports;

    static Path generated;
    static String page;

    static class Subject {
        @TestModel("lenet1")
        static Model lenet1() {
            return DeepXploreModels.dl4j(LeNet.LENET1);
        }

        @GeneratedInputs(models = "lenet1", seedSource = GeneratedInputsExtensionTest.MNIST, seeds = 12, seed = 3)
        @InputsSource(Corner.class)
        void corner(GeneratedInput input) {
            throw new AssertionError("saved on purpose: a failure message long enough to wrap, " + "x".repeat(300));
        }

        @GeneratedInputs(models = "lenet1", seedSource = GeneratedInputsExtensionTest.MNIST, seeds = 2, seed = 3)
        @InputsSource(Corner.class)
        void cornerAgain(GeneratedInput input) {
            throw new AssertionError("saved too");
        }
    }

    /** Paints the top-left {@value #CORNER}x{@value #CORNER} pixels of each seed white, one candidate per seed. */
    static final class Corner extends PerSeedGenerator {
        Corner() {
            super("corner", "white corner");
        }

        @Override
        void change(float[] pixels, int width) {
            for (int r = 0; r < CORNER; r++) {
                for (int c = 0; c < CORNER; c++) {
                    pixels[r * width + c] = 1;
                }
            }
        }
    }

    @BeforeAll
    static void run() throws IOException {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        reports.toString()))
                .selectors(selectClass(Subject.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.started(14).failed(14));
        generated = reports.resolve("generated");
        page = Files.readString(generated.resolve("index.html"));
    }

    /** The entries' names under each test's heading, in page order. */
    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new java.util.LinkedHashMap<>();
        List<String> current = null;
        Matcher m = Pattern.compile("<h2 id=\"([^\"]+)\">|<h3>([^<]+)</h3>").matcher(page);
        while (m.find()) {
            if (m.group(1) != null) {
                current = new ArrayList<>();
                sections.put(m.group(1), current);
            } else {
                current.add(m.group(2));
            }
        }
        return sections;
    }

    @Test
    void inputsAreGroupedByTestInInvocationOrderWithAContentsList() {
        String corner = "test-org.deepjunit.SavedInputsPageRunTest-Subject-corner";
        String again = corner + "Again";
        assertThat(sections()).containsOnlyKeys(corner, again);
        // 1, 2, …, 10, 11, 12: numeric order, not 1, 10, 11, 12, 2
        assertThat(sections().get(corner))
                .extracting(n -> Integer.parseInt(n.substring(0, n.indexOf('-'))))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(sections().get(again)).hasSize(2);
        assertThat(page)
                .contains("<li><a href=\"#" + corner + "\">" + TEST + "corner</a> (12 inputs)</li>")
                .contains("<li><a href=\"#" + again + "\">" + TEST + "cornerAgain</a> (2 inputs)</li>");
    }

    @Test
    void eachInputStandsBesideItsSeedAndTheirDifferenceMap() throws IOException {
        Path dir = generated.resolve("Subject.corner");
        String name = sections().values().iterator().next().get(9); // invocation 10
        JsonNode json = Json.readTree(Files.readAllBytes(dir.resolve(name + ".json")));
        assertThat(json.path("tensorFile").asText()).isEqualTo(name + ".npy");
        assertThat(json.path("seedImageFile").asText()).isEqualTo(name + ".seed.png");
        assertThat(json.path("differenceFile").asText()).isEqualTo(name + ".difference.png");
        float[] input = Npy.read(dir.resolve(name + ".npy").toString()).values();
        float[] seed = Npy.read(dir.resolve(name + ".seed.npy").toString()).values();
        for (String png : List.of(".png", ".seed.png", ".difference.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).as(png).isEqualTo(28);
            assertThat(image.getHeight()).as(png).isEqualTo(28);
        }
        BufferedImage difference =
                ImageIO.read(dir.resolve(name + ".difference.png").toFile());
        double scale = 0;
        for (int i = 0; i < input.length; i++) {
            scale = Math.max(scale, Math.abs(input[i] - seed[i]));
        }
        assertThat(json.path("differenceScale").asDouble()).isEqualTo(scale);
        int changed = 1; // row 0, column 1: inside the painted corner
        assertThat(input[changed]).isNotEqualTo(seed[changed]);
        int fade = (int) Math.round(255 * (1 - (input[changed] - seed[changed]) / scale));
        assertThat(difference.getRGB(1, 0) & 0xFFFFFF).isEqualTo((255 << 16) | (fade << 8) | fade);
        assertThat(fade).isLessThan(255);
        int unchanged = 20 * 28 + 20;
        assertThat(input[unchanged]).isEqualTo(seed[unchanged]);
        assertThat(difference.getRGB(20, 20) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(page)
                .contains("<img src=\"Subject.corner/" + name + ".seed.png\" alt=\"the seed of " + name
                        + "\" width=\"140\" height=\"140\">")
                .contains("<img src=\"Subject.corner/" + name + ".difference.png\"")
                .contains("<img src=\"Subject.corner/" + name + ".explanation.png\"")
                .contains("<a href=\"Subject.corner/" + name + ".npy\">tensor (.npy)</a>")
                .contains("<a href=\"Subject.corner/" + name + ".json\">metadata (.json)</a>");
    }

    @Test
    void eachModelsTopScoresOnTheInputAndOnItsSeedAreTheModelsOwn() throws IOException {
        Path dir = generated.resolve("Subject.corner");
        String name = sections().values().iterator().next().get(4);
        JsonNode json = Json.readTree(Files.readAllBytes(dir.resolve(name + ".json")));
        Model lenet1 = DeepXploreModels.dl4j(LeNet.LENET1);
        for (String[] saved : List.of(new String[] {".npy", "scores"}, new String[] {".seed.npy", "seedScores"})) {
            float[] x = Npy.read(dir.resolve(name + saved[0]).toString()).values();
            double[] p = lenet1.predict(org.deepjunit.model.Tensor.of(x, 1, 28, 28, 1))
                    .toDoubleArray();
            Integer[] order = new Integer[p.length];
            for (int i = 0; i < p.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
            JsonNode answer = json.path(saved[1]).path("lenet1");
            assertThat(answer.path("top1").asInt()).as(saved[1]).isEqualTo(order[0]);
            assertThat(answer.path("top")).hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertThat(answer.path("top").get(k).path("label").asInt()).isEqualTo(order[k]);
                assertThat(answer.path("top").get(k).path("value").asDouble())
                        .isCloseTo(p[order[k]], org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThat(json.path("scores").path("lenet1").path("top1").asInt())
                .isEqualTo(json.path("predictions").path("lenet1").asInt());
    }

    @Test
    void metadataIsATableAndThePageNeedsNoScriptNorInlineStyle() throws IOException {
        assertThat(page)
                .contains("<tr><th>Generator</th><td>corner</td></tr>")
                .contains("<tr><th>Constraint or transformation</th><td>white corner</td></tr>")
                .containsPattern("<tr><th>L∞ distance</th><td>[0-9.]+</td></tr>")
                .containsPattern("<tr><th>L2 distance</th><td>[0-9.]+</td></tr>")
                .containsPattern(
                        "<tr><th>Prediction of lenet1</th><td>\\d \\(scores: \\d = [0-9.e-]+, \\d = [0-9.e-]+, "
                                + "\\d = [0-9.e-]+\\)</td></tr>")
                .containsPattern("<tr><th>Its seed, by lenet1</th><td>\\d \\(scores: ")
                .contains("<tr><th>Failure</th><td>java.lang.AssertionError: saved on purpose")
                .contains("<link rel=\"stylesheet\" href=\"saved-inputs.css\"")
                .doesNotContain("<script")
                .doesNotContain("style=")
                .doesNotContain("\"tensorFile\"");
        Matcher img = Pattern.compile("<img [^>]*>").matcher(page);
        int images = 0;
        while (img.find()) {
            images++;
            assertThat(img.group()).containsPattern(" alt=\"[^\"]+\" width=\"\\d+\" height=\"\\d+\"");
        }
        assertThat(images).isEqualTo(4 * 14);
        assertThat(Files.readString(generated.resolve("saved-inputs.css"))).contains("overflow-wrap:anywhere");
    }
}
