package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.HashMap;
import java.util.Map;
import org.deepjunit.generation.ConstraintType;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.Fuzzing;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.Model;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * {@code @GeneratedInputs} with bad input: every configuration error fails the test before any invocation with an
 * exact message, and a run that generates nothing is one skipped invocation saying why.
 */
class GeneratedInputsErrorsTest {

    static final String MNIST = GeneratedInputsExtensionTest.MNIST;

    static class BadSubject {
        @TestModel("a")
        static Model a() {
            return GeneratedInputsExtensionTest.twin(LeNet.LENET1);
        }

        @TestModel("b")
        static Model b() {
            return GeneratedInputsExtensionTest.twin(LeNet.LENET1);
        }

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = "classpath:/generation/ten-features.csv")
        @DeepXploreSearch
        void wrongShape(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = "classpath:/generation/empty.csv")
        @DeepXploreSearch
        void emptySource(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST)
        @DeepXploreSearch(lambda1 = -1)
        void badLambda(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST)
        @DeepXploreSearch
        void stepFromConfiguration(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST)
        @DeepXploreSearch(
                constraint = ConstraintType.OCCLUSION,
                occlusion = {20, 20, 10, 10})
        void occlusionDoesNotFit(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a"},
                seedSource = MNIST)
        @DeepXploreSearch
        void oneModel(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "nope"},
                seedSource = MNIST)
        @DeepXploreSearch
        void unknownModel(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST,
                scale = 1)
        @DeepXploreSearch
        void outsideRange(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST)
        void noSource(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST)
        @DeepXploreSearch
        @Fuzzing
        void twoSources(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST,
                count = 0)
        @DeepXploreSearch
        void zeroCount(GeneratedInput input) {}

        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = "classpath:/generation/nan-pixel.npy")
        @DeepXploreSearch
        void nanSeed(GeneratedInput input) {}

        /** Twins never disagree: nothing can be generated. */
        @GeneratedInputs(
                models = {"a", "b"},
                seedSource = MNIST,
                seeds = 3,
                batch = 3,
                seed = 3)
        @DeepXploreSearch(iterations = 2)
        void twins(GeneratedInput input) {
            throw new AssertionError("no input should reach the test");
        }
    }

    @Test
    void aRunThatGeneratesNothingIsOneSkippedInvocationSayingWhy() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectMethod(BadSubject.class, "twins", GeneratedInput.class.getName()))
                .execute();
        r.containerEvents().assertStatistics(s -> s.failed(0));
        r.testEvents().assertStatistics(s -> s.started(0).skipped(1));
        assertThat(r.testEvents().skipped().stream()
                        .map(e -> e.getPayload(String.class).orElseThrow()))
                .singleElement()
                .asString()
                .startsWith("No input was generated: @GeneratedInputs BadSubject.twins (run seed 3): "
                        + "0 invocations, generator finished. DEEPXPLORE: 3 seeds searched, 0 already made the models"
                        + " disagree (step 0), 0 of the other 3 gave difference-inducing inputs; neuron coverage of"
                        + " seeds + generated inputs: a ");
    }

    private static void assertFailsBeforeInvocations(String method, Map<String, String> extra, String message) {
        Map<String, String> params = new HashMap<>(extra);
        params.put("junit.jupiter.execution.parallel.enabled", "false");
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(selectMethod(BadSubject.class, method, GeneratedInput.class.getName()))
                .execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        r.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(
                                TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                                TestExecutionResultConditions.message(message)));
    }

    @Test
    void badInputFailsWithExactMessagesBeforeAnyInvocation() {
        assertFailsBeforeInvocations(
                "wrongShape",
                Map.of(),
                "Seeds from classpath:/generation/ten-features.csv have "
                        + "shape [10] but model 'a' expects [28, 28, 1]");
        assertFailsBeforeInvocations(
                "emptySource", Map.of(), "Seed source classpath:/generation/empty.csv holds no samples");
        assertFailsBeforeInvocations(
                "badLambda",
                Map.of(),
                "Invalid value '-1' for @DeepXploreSearch(lambda1): expected a number between 0 and 1000");
        assertFailsBeforeInvocations(
                "stepFromConfiguration",
                Map.of("deepjunit.generation.deepxplore.step", "0"),
                "Invalid value '0' for deepjunit.generation.deepxplore.step: expected a number > 0 and <= 1000");
        assertFailsBeforeInvocations(
                "occlusionDoesNotFit",
                Map.of(),
                "Constraint occlusion does not fit the seeds: "
                        + "Occlusion rectangle at (20, 20) of 10x10 does not fit inputs of shape [28, 28, 1]");
        assertFailsBeforeInvocations("oneModel", Map.of(), "DEEPXPLORE needs at least 2 models, got 1: [a]");
        assertFailsBeforeInvocations(
                "unknownModel",
                Map.of(),
                "No @TestModel named 'nope' in " + BadSubject.class.getName()
                        + " or its superclasses; declared: [a, b]");
        assertFailsBeforeInvocations(
                "outsideRange",
                Map.of(),
                "Seeds from " + MNIST + " have values in [0.0, 255.0], "
                        + "outside the valid range [0.0, 1.0]: set scale or range");
        assertFailsBeforeInvocations(
                "stepFromConfiguration",
                Map.of("deepjunit.generation.replay", "x"),
                "Invalid value 'x' for deepjunit.generation.replay: expected an invocation index >= 1, or seed:<seed id>");
        assertFailsBeforeInvocations(
                "noSource",
                Map.of(),
                "@GeneratedInputs on BadSubject.noSource has no source"
                        + " annotation: add @DeepXploreSearch, @Transformations, @Fuzzing or @InputsSource(YourGenerator.class)");
        assertFailsBeforeInvocations(
                "twoSources",
                Map.of(),
                "@GeneratedInputs on BadSubject.twoSources has 2 source"
                        + " annotations [@DeepXploreSearch, @Fuzzing]; keep one");
        assertFailsBeforeInvocations(
                "zeroCount", Map.of(), "Invalid value '0' for @GeneratedInputs(count): expected an integer >= 1");
        assertFailsBeforeInvocations(
                "stepFromConfiguration",
                Map.of("deepjunit.generation.replay", "999999", "deepjunit.generation.count", "10"),
                "deepjunit.generation.replay=999999 is beyond the count budget of 10 invocations of"
                        + " BadSubject.stepFromConfiguration: replay an invocation the run makes, as its display name"
                        + " [n] shows");
        assertFailsBeforeInvocations(
                "stepFromConfiguration",
                Map.of(
                        "deepjunit.generation.replay",
                        "seed:99999",
                        "deepjunit.generation.seeds",
                        "2",
                        "deepjunit.generation.seed",
                        "7"),
                "deepjunit.generation.replay=seed:99999 names a seed this run does not draw: with run seed 7 and 2"
                        + " seeds from " + MNIST + ", the seeds are "
                        + java.util.Arrays.toString(org.deepjunit.generation.Rngs.sample(10_000, 2, 7)));
        assertFailsBeforeInvocations(
                "nanSeed",
                Map.of(),
                "Seed source classpath:/generation/nan-pixel.npy holds a non-finite value (NaN) at sample 1,"
                        + " element 157: seeds must be finite numbers; fix or drop that sample");
    }
}
