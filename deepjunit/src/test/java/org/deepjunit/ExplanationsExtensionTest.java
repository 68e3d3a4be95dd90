package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.explain.ApprovedAttributions;
import org.deepjunit.explain.Attribution;
import org.deepjunit.explain.Explain;
import org.deepjunit.explain.ExplainNets;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Explanations wired into the extensions: an overlay beside every image input a differential test saves (and none
 * with {@code deepjunit.explain.overlays=false}), and {@code @Explanations} injecting approved attribution maps named
 * after the test.
 */
class ExplanationsExtensionTest {

    @TempDir
    Path dir;

    private static final double[][] W = ExplainNets.weights(71, 3, 36);

    /** Two linear 6x6 image classifiers whose weights differ: they disagree on many images. */
    @DifferentialAgainst(model = "a", reference = "b")
    static class Disagreeing {
        @TestModel("a")
        static Model a() {
            return ExplainNets.linear("linear-a", W, new double[3], 6);
        }

        @TestModel("b")
        static Model b() {
            return ExplainNets.linear("linear-b", ExplainNets.weights(72, 3, 36), new double[3], 6);
        }

        @Test
        void predicts(@TestModel("a") Model a) {
            a.predict(ExplainNets.uniform(73, 0, 1, 12, 6, 6, 1));
        }
    }

    @Explanations
    static class Approving {
        @TestModel("a")
        static Model a() {
            return ExplainNets.linear("linear-a", W, new double[3], 6);
        }

        @Test
        void explainsTheImage(@TestModel("a") Model a, ApprovedAttributions approved) {
            Tensor image = ExplainNets.uniform(74, 0, 1, 1, 6, 6, 1);
            Attribution ig = Explain.integratedGradients(a).explain(image);
            approved.assertMatches("image74", ig, 0.99);
        }
    }

    private EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("deepjunit.report.dir", dir.resolve("report").toString());
        all.put("deepjunit.differential.approved.dir", dir.resolve("approved").toString());
        all.put("deepjunit.explain.approved.dir", dir.resolve("approved").toString());
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(all)
                .selectors(selectClass(subject))
                .execute();
    }

    private List<Path> files(String folder, String suffix) throws Exception {
        Path inputs = dir.resolve("report").resolve(folder);
        if (!Files.isDirectory(inputs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inputs)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void disagreementsAreSavedWithAnExplanationBesideEachImage() throws Exception {
        run(Disagreeing.class, Map.of()).testEvents().assertStatistics(s -> s.failed(1));
        List<Path> images = files("inputs", ".json");
        List<Path> overlays = files("inputs", ".explanation.png");
        assertThat(images).hasSize(12);
        assertThat(overlays).as("the ten the failure message names").hasSize(10);
        String index = Files.readString(dir.resolve("report/inputs/index.html"));
        for (Path overlay : overlays) {
            assertThat(index)
                    .containsPattern("<img src=\"" + overlay.getFileName() + "\" [^>]*><figcaption>integrated gradients"
                            + " of linear-a, logit of class ");
        }
    }

    @Test
    void overlaysCanBeSwitchedOff() throws Exception {
        run(Disagreeing.class, Map.of("deepjunit.explain.overlays", "false"))
                .testEvents()
                .assertStatistics(s -> s.failed(1));
        assertThat(files("inputs", ".json")).isNotEmpty();
        assertThat(files("inputs", ".explanation.png")).isEmpty();
        assertThat(
                        run(Disagreeing.class, Map.of("deepjunit.explain.overlays", "maybe"))
                                .containerEvents()
                                .failed()
                                .stream()
                                .map(e ->
                                        String.valueOf(e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                                                .map(Throwable::getMessage)
                                                .orElse("")))
                                .toList())
                .anyMatch(m -> m.contains("deepjunit.explain.overlays"));
    }

    @Test
    void explanationsTestsGetApprovedMapsNamedAfterTheTest() throws Exception {
        String base = Approving.class.getName() + ".explainsTheImage.image74.attribution.";
        EngineExecutionResults first = run(Approving.class, Map.of());
        assertThat(DifferentialTestKit.failureMessages(first))
                .singleElement()
                .asString()
                .startsWith("No approved attribution map ")
                .contains("for integrated gradients of linear-a, logit of class ");
        assertThat(dir.resolve("approved").resolve(base + "received.npy")).isRegularFile();
        run(Approving.class, Map.of("deepjunit.explain.approve", "true"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(dir.resolve("approved").resolve(base + "approved.npy")).isRegularFile();
        assertThat(dir.resolve("approved").resolve(base + "received.npy")).doesNotExist();
        run(Approving.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
    }
}
