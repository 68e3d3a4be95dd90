package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.DifferentialTestKit.failureMessages;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepjunit.differential.ApprovedFile;
import org.deepjunit.differential.ApprovedVerdict;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link DifferentialAgainst} through a real Jupiter engine with small DL4J models: the
 * fail → received → approve → pass → received deleted loop under parallel execution, and approved
 * inputs checked again. Configuration errors are tested in {@link DifferentialConfigurationErrorsTest}, tolerances
 * in {@link DifferentialToleranceTest}.
 */
class DifferentialExtensionTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ subjects

    /** Reference = the model under test with one output weight perturbed; only top-1 flips count. */
    @DifferentialAgainst(model = "mlp", reference = "perturbed", absoluteTolerance = 1)
    static class Flow {
        static volatile double delta = 2.5;

        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0);
        }

        @TestModel("perturbed")
        static Model perturbed() {
            return SmallNets.mlp("mlp-perturbed", 4, 3, 7, 1, 0, delta);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
        void predicts(int seed, @TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(seed, 4));
        }
    }

    @DifferentialAgainst(model = "mlp", reference = "twin")
    static class Agreeing {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 3);
        }

        @TestModel("twin")
        static Model twin() {
            return SmallNets.mlp("mlp-twin", 3);
        }

        @Test
        void predicts(@TestModel("mlp") Model model, @TestModel("twin") Model twin) {
            assertThat(model).isNotSameAs(twin);
            model.predict(SmallNets.inputs(1, 32));
            model.activations(SmallNets.inputs(2, 32));
        }
    }

    /** No {@code model}: every declared model but the reference is under test; an unannotated method is not checked. */
    static class Implicit {
        @TestModel("perturbed")
        static Model perturbed() {
            return SmallNets.mlp("mlp-perturbed", 4, 3, 7, 1, 0, 2.5);
        }

        @TestModel("own")
        static Model own() {
            return SmallNets.mlp("own", 4, 3, 7, 0, 0, 0);
        }

        @Test
        @DifferentialAgainst(reference = "perturbed")
        void checked(@TestModel("own") Model own) {
            own.predict(SmallNets.inputs(3, 64));
        }

        @Test
        void notChecked(@TestModel("own") Model own) {
            own.predict(SmallNets.inputs(3, 64));
        }
    }

    /** Dynamic tests are checked one by one, under the factory method's file name. */
    @DifferentialAgainst(model = "mlp", reference = "perturbed", absoluteTolerance = 1)
    static class Dynamic {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0);
        }

        @TestModel("perturbed")
        static Model perturbed() {
            return SmallNets.mlp("mlp-perturbed", 4, 3, 7, 1, 0, 2.5);
        }

        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> seeds(@TestModel("mlp") Model model) {
            return java.util.stream.IntStream.range(0, 16)
                    .mapToObj(seed -> org.junit.jupiter.api.DynamicTest.dynamicTest(
                            "seed " + seed, () -> model.predict(SmallNets.inputs(seed, 4))));
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void failThenReceivedThenApproveThenPassThenReceivedDeleted() throws Exception {
        Flow.delta = 2.5;
        Path received = dir.resolve("approved/" + Flow.class.getName() + ".predicts.received.json");
        Path approved = dir.resolve("approved/" + Flow.class.getName() + ".predicts.approved.json");

        // 1. Disagreements fail their invocations and all land in one received file.
        EngineExecutionResults first = run(Flow.class, Map.of());
        long failed = first.testEvents().failed().count();
        long succeeded = first.testEvents().succeeded().count();
        assertThat(failed).isBetween(1L, 15L);
        assertThat(failed + succeeded).isEqualTo(16);
        List<String> messages = failureMessages(first);
        int reported = 0;
        for (String m : messages) {
            Matcher count = Pattern.compile("disagree on (\\d+) of 4 inputs").matcher(m);
            assertThat(count.find()).as(m).isTrue();
            reported += Integer.parseInt(count.group(1));
            assertThat(m)
                    .startsWith("mlp (model under test) and reference \"perturbed\" (mlp-perturbed) disagree on ")
                    .contains("top-1 differs: ")
                    .contains("  model under test top-3: ")
                    .contains("  reference        top-3: ")
                    .contains("  largest difference: ")
                    .contains("  input saved: ")
                    .contains(".npy")
                    .contains("Received verdicts written to " + received)
                    .contains("rename " + Flow.class.getName() + ".predicts.received.json to "
                            + Flow.class.getName() + ".predicts.approved.json, or run once with "
                            + "-Ddeepjunit.differential.approve=true to accept every received file.");
        }
        assertThat(received).exists();
        assertThat(approved).doesNotExist();
        List<ApprovedVerdict> records = ApprovedFile.read(received).records();
        assertThat(records).hasSize(reported);
        for (ApprovedVerdict v : records) {
            assertThat(v.correct()).isEqualTo(v.reference().top1());
            assertThat(v.modelUnderTest().top1()).isNotEqualTo(v.reference().top1());
            assertThat(dir.resolve("report/inputs/" + v.id() + ".npy")).exists();
            assertThat(dir.resolve("report/inputs/" + v.id() + ".json")).exists();
        }

        // 2. The same failures again, same file content.
        String text = Files.readString(received);
        assertThat(run(Flow.class, Map.of()).testEvents().failed().count()).isEqualTo(failed);
        assertThat(Files.readString(received)).isEqualTo(text);

        // 3. The approve flag accepts the received file: everything passes, the received file is gone.
        EngineExecutionResults approving = run(Flow.class, Map.of("deepjunit.differential.approve", "true"));
        approving.testEvents().assertStatistics(s -> s.succeeded(16).failed(0));
        assertThat(received).doesNotExist();
        assertThat(Files.readString(approved)).isEqualTo(text);

        // 4. Later runs pass against the approved verdicts, and leave no received file.
        run(Flow.class, Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(16).failed(0));
        assertThat(received).doesNotExist();

        // 5. A reference that changes its answers on approved inputs fails them, as deviations from the verdict.
        Flow.delta = -2.5;
        EngineExecutionResults changed = run(Flow.class, Map.of());
        assertThat(failureMessages(changed))
                .anySatisfy(m -> assertThat(m)
                        .contains("deviate from the approved verdict")
                        .contains("the reference now answers "));
        assertThat(received).exists();
        Flow.delta = 2.5;
    }

    @Test
    void dynamicTestsAreCheckedOneByOne() {
        EngineExecutionResults results = run(Dynamic.class, Map.of());
        // Expected: the seeds whose inputs change top-1 class between the two models (the tolerance is 1).
        long expected = 0;
        try (Model a = Dynamic.mlp();
                Model b = Dynamic.perturbed()) {
            for (int seed = 0; seed < 16; seed++) {
                Tensor inputs = SmallNets.inputs(seed, 4);
                expected += java.util.Arrays.equals(
                                a.predict(inputs).argMax(), b.predict(inputs).argMax())
                        ? 0
                        : 1;
            }
        }
        assertThat(results.testEvents().failed().count()).isEqualTo(expected).isPositive();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(16 - expected);
        assertThat(dir.resolve("approved/" + Dynamic.class.getName() + ".seeds.received.json"))
                .exists();
    }

    @Test
    void agreeingModelsPassAndPublishTheLargestDifference() {
        EngineExecutionResults results = run(Agreeing.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        List<String> entries = reportEntries(results);
        assertThat(entries).containsExactly("compared 64 inputs with reference \"twin\", largest difference 0.00");
        assertThat(dir.resolve("approved")).doesNotExist();
    }

    @Test
    void withoutModelEveryOtherDeclaredModelIsChecked() {
        EngineExecutionResults results = run(Implicit.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(failureMessages(results))
                .singleElement()
                .asString()
                .startsWith("own (model under test) and reference \"perturbed\" (mlp-perturbed) disagree on ");
        assertThat(dir.resolve("approved/" + Implicit.class.getName() + ".checked.received.json"))
                .exists();
    }

    @Test
    void variantNamesTheFile() {
        run(Implicit.class, Map.of("deepjunit.differential.variant", "gpu"));
        assertThat(dir.resolve("approved/" + Implicit.class.getName() + ".checked.gpu.received.json"))
                .exists();
        EngineExecutionResults bad = run(Implicit.class, Map.of("deepjunit.differential.variant", "a/b"));
        bad.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        "Invalid value 'a/b' for deepjunit.differential.variant: expected letters, digits, '-' or '_'"
                                                + " (it becomes part of a file name)")));
    }

    // ------------------------------------------------------------------ helpers

    private EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        return DifferentialTestKit.run(dir, subject, parameters);
    }

    private static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(p -> ((org.junit.platform.engine.reporting.ReportEntry) p)
                        .getKeyValuePairs()
                        .get(DifferentialExtension.REPORT_KEY))
                .toList();
    }
}
