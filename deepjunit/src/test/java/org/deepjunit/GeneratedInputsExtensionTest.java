package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.Fuzzing;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.InputsSource;
import org.deepjunit.generation.Transformation;
import org.deepjunit.generation.Transformations;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @GeneratedInputs} through a real Jupiter engine, on the LeNet TensorFlow twins. */
class GeneratedInputsExtensionTest {

    static final String MNIST = "classpath:/mnist/t10k-images-idx3-ubyte.gz";
    static final String LABELS = "classpath:/mnist/t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path reports;

    static Model twin(LeNet net) {
        try {
            return DeepXploreModels.tensorflow(
                    net, Files.createTempDirectory("deepjunit-gen").resolve(net.modelName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static class Subject {
        @TestModel("lenet1")
        static Model lenet1() {
            return twin(LeNet.LENET1);
        }

        @TestModel("lenet4")
        static Model lenet4() {
            return twin(LeNet.LENET4);
        }

        @GeneratedInputs(
                models = {"lenet1", "lenet4"},
                seedSource = MNIST,
                labels = LABELS,
                seeds = 16,
                batch = 8,
                seed = 42)
        @DeepXploreSearch
        void deepxplore(GeneratedInput input, Tensor tensor, @TestModel("lenet1") Model lenet1) {
            assertThat(tensor).isSameAs(input.tensor());
            assertThat(input.disagreement()).isTrue();
            for (float v : tensor.toFloatArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(lenet1.predict(tensor).argMax()[0])
                    .isEqualTo(input.predictions().get("lenet1"));
            // An input the models already disagreed on is the seed itself, found at step 0.
            if (input.parameters().get("iterations").equals("0")) {
                assertThat(input.l0()).isZero();
            } else {
                assertThat(input.l0()).isPositive();
            }
        }

        @GeneratedInputs(
                models = {"lenet1"},
                seedSource = MNIST,
                labels = LABELS,
                seeds = 3,
                seed = 5)
        @Transformations(
                value = {Transformation.ROTATION, Transformation.BLUR},
                ranges = "rotation=-30:30")
        void transform(GeneratedInput input) {
            assertThat(input.seedLabel()).isPresent();
            assertThat(input.parameters()).containsKey(input.method());
        }

        @GeneratedInputs(
                models = {"lenet1", "lenet4"},
                seedSource = MNIST,
                seeds = 8,
                batch = 8,
                seed = 5)
        @Fuzzing(iterations = 3)
        void fuzz(GeneratedInput input) {
            assertThat(Integer.parseInt(input.parameters().get("coverageGain"))).isPositive();
        }

        @GeneratedInputs(models = "lenet1", seedSource = MNIST, seeds = 5, batch = 2, seed = 5)
        @InputsSource(Inverted.class)
        void inverted(GeneratedInput input) {
            assertThat(input.generator()).isEqualTo("inverted");
            assertThat(input.tensor().getDouble(0)).isEqualTo(1 - input.seed().getDouble(0));
        }
    }

    private EngineExecutionResults run(String method, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(extra);
        params.put("junit.jupiter.execution.parallel.enabled", "false");
        params.put("deepjunit.report.dir", reports.toString());
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(selectMethod(Subject.class, method, parameterTypes(method)))
                .execute();
    }

    /** A generator of one's own: every seed inverted ({@code 1 - x}), one candidate per seed, in seed order. */
    static final class Inverted extends PerSeedGenerator {
        Inverted() {
            super("inverted", "1-x");
        }

        @Override
        void change(float[] pixels, int width) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1 - pixels[i];
            }
        }
    }

    private static String parameterTypes(String method) {
        return switch (method) {
            case "deepxplore" ->
                GeneratedInput.class.getName() + "," + Tensor.class.getName() + "," + Model.class.getName();
            default -> GeneratedInput.class.getName();
        };
    }

    private static List<String> names(EngineExecutionResults r) {
        return r.testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getDisplayName())
                .toList();
    }

    @Test
    void deepxploreInvocationsAreDeterministicNamedReplayableAndSaved() throws IOException {
        EngineExecutionResults first = run("deepxplore", Map.of());
        first.testEvents().assertStatistics(s -> s.failed(0));
        List<String> names = names(first);
        assertThat(names).isNotEmpty();
        assertThat(names.get(0)).matches("\\[1] seed \\d+ · lighting · L2=\\d+\\.\\d\\d · lenet1=\\d lenet4=\\d");
        assertThat(names(run("deepxplore", Map.of()))).isEqualTo(names);
        int last = names.size();
        EngineExecutionResults replayed =
                run("deepxplore", Map.of("deepjunit.generation.replay", Integer.toString(last)));
        assertThat(names(replayed)).containsExactly(names.get(last - 1));
        assertThat(GenerationTestKit.summary(replayed))
                .contains("1 of " + last + " invocations replayed (deepjunit.generation.replay=" + last + ")");
        // every input made the models disagree, so every one was saved, with PNG, .npy, JSON and an index, its seed
        // (.seed.png, .seed.npy), their difference map and an explanation of lenet1's class beside it
        Path dir = reports.resolve("generated/Subject.deepxplore");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> saved =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(saved.stream().filter(n -> n.endsWith(".explanation.png")))
                    .hasSize(last);
            assertThat(saved.stream().filter(n -> n.endsWith(".difference.png")))
                    .hasSize(last);
            assertThat(saved.stream().filter(n -> n.endsWith(".seed.npy"))).hasSize(last);
            assertThat(saved.stream().filter(n -> n.endsWith(".png"))).hasSize(4 * last);
        }
        String index = Files.readString(reports.resolve("generated/index.html"));
        assertThat(index).contains("Subject.deepxplore/1-seed").contains("lighting");
        assertThat(index).contains("<figcaption>integrated gradients of lenet1-tf, log-probability of" + " class ");
    }

    @Test
    void countBudgetFromConfigurationOverridesAndTimeBudgetStopsCleanly() {
        assertThat(names(run("deepxplore", Map.of("deepjunit.generation.count", "2"))))
                .hasSize(2);
        EngineExecutionResults r = run("deepxplore", Map.of("deepjunit.generation.maxTime", "1ms"));
        r.containerEvents().assertStatistics(s -> s.failed(0));
        assertThat(names(r).size()).isLessThanOrEqualTo(8);
    }

    @Test
    void transformGivesOneInputPerSeedAndTransformation() {
        EngineExecutionResults r = run("transform", Map.of());
        r.testEvents().assertStatistics(s -> s.started(6).failed(0));
        assertThat(names(r)).anyMatch(n -> n.contains(" · rotation · ")).anyMatch(n -> n.contains(" · blur · "));
    }

    @Test
    void aGeneratorOfOnesOwnIsNamedWithInputsSource() {
        EngineExecutionResults r = run("inverted", Map.of());
        r.testEvents().assertStatistics(s -> s.started(5).failed(0));
        assertThat(names(r)).allMatch(n -> n.contains(" · 1-x · "));
    }

    @Test
    void fuzzKeepsInputsThatRaiseCoverage() {
        EngineExecutionResults r = run("fuzz", Map.of());
        r.testEvents().assertStatistics(s -> s.failed(0));
        r.containerEvents().assertStatistics(s -> s.failed(0));
    }

    // ---- bad input: clear errors before any invocation ----
}
