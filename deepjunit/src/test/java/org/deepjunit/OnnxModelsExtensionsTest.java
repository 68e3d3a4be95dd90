package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.Transformation;
import org.deepjunit.generation.Transformations;
import org.deepjunit.model.Model;
import org.deepjunit.model.onnx.OnnxLeNets;
import org.deepjunit.model.onnx.OnnxModel;
import org.deepjunit.model.onnx.OnnxTestData;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * ONNX models under DeepJUnit's extensions as any other model: coverage, differential testing against Python's
 * recorded outputs and against a DL4J twin, transformations, and DeepXplore's search with gradients from TensorFlow
 * twins while every difference is confirmed on ONNX Runtime.
 */
class OnnxModelsExtensionsTest {

    static final String MNIST = "classpath:/mnist/t10k-images-idx3-ubyte.gz";
    static final String LABELS = "classpath:/mnist/t10k-labels-idx1-ubyte.gz";

    @TempDir
    static Path models;

    @BeforeAll
    static void writeTwins() {
        for (LeNet net : LeNet.values()) {
            OnnxLeNets.write(net, models);
        }
    }

    static Path zoo() {
        try {
            return Path.of(
                    OnnxModelsExtensionsTest.class.getResource("/onnx-mnist").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static OnnxModel onnx(LeNet net) {
        return OnnxModel.load(models.resolve(net.modelName() + ".onnx"));
    }

    @NeuronCoverage
    @DifferentialAgainst(model = "mnist", reference = "python", absoluteTolerance = 1e-5, relativeTolerance = 1e-5)
    static class AgainstPython {

        @TestModel("mnist")
        static Model mnist() {
            return OnnxModel.load(zoo().resolve("mnist-8.onnx"));
        }

        @TestModel("python")
        static Model python() {
            try (Model mnist = mnist()) {
                return OnnxTestData.read(zoo()).reference(mnist);
            }
        }

        @Test
        void recordedInputs(@TestModel("mnist") Model mnist) {
            mnist.predict(OnnxTestData.read(zoo()).inputs(mnist));
        }

        @Test
        void anInputPythonNeverSaw(@TestModel("mnist") Model mnist) {
            mnist.predict(Mnist.images(0, 1));
        }
    }

    @Test
    void aRecordedReferenceChecksItsInputsAndRefusesOthers(@TempDir Path report) throws Exception {
        EngineExecutionResults results = run(report, selectClass(AgainstPython.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        Throwable failure = results.testEvents().failed().stream()
                .findFirst()
                .orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
        assertThat(failure).hasMessageContaining("is not one of the 3 inputs recorded");
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        ModelCoverage mnist = data.models().stream()
                .filter(m -> m.name().equals("mnist-8"))
                .findFirst()
                .orElseThrow();
        assertThat(mnist.layers().values().stream().mapToInt(l -> l.neurons()).sum())
                .isEqualTo(58);
        assertThat(mnist.samples()).isEqualTo(4);
    }

    @DifferentialAgainst(model = "onnx", reference = "dl4j", absoluteTolerance = 1e-5, relativeTolerance = 0)
    static class AgainstDl4j {

        @TestModel("onnx")
        static Model onnx() {
            return OnnxModelsExtensionsTest.onnx(LeNet.LENET5);
        }

        @TestModel("dl4j")
        static Model dl4j() {
            return DeepXploreModels.dl4j(LeNet.LENET5);
        }

        @Test
        void firstHundredDigits(@TestModel("onnx") Model onnx) {
            onnx.predict(Mnist.images(0, 100));
        }
    }

    @Test
    void anOnnxExportAgreesWithItsDl4jTwin(@TempDir Path report) {
        run(report, selectClass(AgainstDl4j.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    static class Transformed {

        @TestModel("onnx")
        static Model onnx() {
            return OnnxModelsExtensionsTest.onnx(LeNet.LENET5);
        }

        @GeneratedInputs(models = "onnx", seedSource = MNIST, labels = LABELS, seeds = 8)
        @Transformations(
                value = {Transformation.ROTATION, Transformation.BRIGHTNESS},
                ranges = {"rotation=-5:5"})
        void readsTheSame(GeneratedInput input, @TestModel("onnx") Model onnx) {
            assertThat(onnx.predict(input.tensor()).argMax()).hasSize(1);
        }
    }

    @Test
    void transformationsRunOnAnOnnxModel(@TempDir Path report) {
        EngineExecutionResults results = run(report, selectClass(Transformed.class));
        assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(8);
        results.testEvents().assertStatistics(s -> s.failed(0));
    }

    static class Searched {

        @TestModel("lenet1")
        static Model lenet1() {
            return withTwin(LeNet.LENET1);
        }

        @TestModel("lenet4")
        static Model lenet4() {
            return withTwin(LeNet.LENET4);
        }

        @TestModel("lenet5")
        static Model lenet5() {
            return withTwin(LeNet.LENET5);
        }

        private static Model withTwin(LeNet net) {
            return OnnxModel.builder(models.resolve(net.modelName() + ".onnx"))
                    .gradientsFrom(DeepXploreModels.tensorflow(net, models.resolve(net.modelName() + "-tf")))
                    .build();
        }

        @GeneratedInputs(
                models = {"lenet1", "lenet4", "lenet5"},
                seedSource = MNIST,
                labels = LABELS,
                seeds = 40,
                count = 5,
                maxTime = "60s")
        @DeepXploreSearch
        void disagree(
                GeneratedInput input,
                @TestModel("lenet1") Model lenet1,
                @TestModel("lenet4") Model lenet4,
                @TestModel("lenet5") Model lenet5) {
            Set<Integer> answers = new HashSet<>();
            for (Map.Entry<String, Model> m :
                    Map.of("lenet1", lenet1, "lenet4", lenet4, "lenet5", lenet5).entrySet()) {
                int answer = m.getValue().predict(input.tensor()).argMax()[0];
                assertThat(answer).isEqualTo(input.predictions().get(m.getKey()));
                answers.add(answer);
            }
            assertThat(answers).hasSizeGreaterThan(1);
        }
    }

    @Test
    void deepXploreClimbsTheTwinsAndConfirmsOnOnnxRuntime(@TempDir Path report) {
        EngineExecutionResults results = run(report, selectClass(Searched.class));
        results.testEvents().assertStatistics(s -> s.failed(0));
        assertThat(results.testEvents().succeeded().count()).isPositive();
        assertThat(GenerationTestKit.summary(results))
                .contains("gradients of lenet1: exact, from twin 'lenet1-tf'")
                .contains("gradients of lenet5: exact, from twin 'lenet5-tf'");
    }

    private static EngineExecutionResults run(Path report, org.junit.platform.engine.DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "deepjunit.report.dir", report.toString(),
                        "deepjunit.differential.approved.dir",
                                report.resolve("approved").toString()))
                .selectors(selector)
                .execute();
    }
}
