package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.DifferentialTestKit.failureMessages;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disagreement names where the two part: the first pipeline stage, or the first twin layer, whose outputs are
 * beyond the tolerance, with how far apart every step is.
 */
class DifferentialLocalisationTest {

    @TempDir
    Path dir;

    static TensorPipeline pipeline(String name, double firstMean) {
        return TensorPipeline.builder(name, Shape.of(2, 2))
                .then(Tensors.scale(2))
                .then(Tensors.standardize(new double[] {firstMean, -1}, new double[] {2, 0.5}))
                .then(Tensors.reshape(4))
                .model(SmallNets.mlp(name + "-mlp", 4, 3, 5, 0, 0, 0))
                .build();
    }

    /** The reference's pre-processing shifts the first mean: the models are the same. */
    @DifferentialAgainst(model = "java", reference = "python")
    static class ShiftedMean {
        @TestModel("java")
        static Model java() {
            return pipeline("java", 1);
        }

        @TestModel("python")
        static Model python() {
            return pipeline("python", 1.8);
        }

        @Test
        void predicts(@TestModel("java") Model java) {
            java.predict(SmallNets.inputs(3, 8).reshape(8, 2, 2));
        }
    }

    /** More disagreements than a message shows, in four calls: the inputs shown are not the first ones found. */
    @DifferentialAgainst(model = "java", reference = "python")
    static class ManyInputs {
        @TestModel("java")
        static Model java() {
            return pipeline("java", 1);
        }

        @TestModel("python")
        static Model python() {
            return pipeline("python", 1.8);
        }

        @Test
        void predicts(@TestModel("java") Model java) {
            for (int call = 0; call < 4; call++) {
                java.predict(SmallNets.inputs(10 + call, 10).reshape(10, 2, 2));
            }
        }
    }

    /** Twins whose hidden layer differs in one weight. */
    @DifferentialAgainst(
            model = "a",
            reference = "b",
            layerMap = {"hidden=hidden", "out=out"})
    static class HiddenWeight {
        @TestModel("a")
        static Model a() {
            return SmallNets.mlp("a", 4, 3, 7, 0, 0, 0, 0);
        }

        @TestModel("b")
        static Model b() {
            return SmallNets.mlp("b", 4, 3, 7, 0, 2, 3, 1.5);
        }

        @Test
        void predicts(@TestModel("a") Model a) {
            a.predict(SmallNets.inputs(4, 16));
        }
    }

    /** The same twins, layers paired by order. */
    @DifferentialAgainst(model = "a", reference = "b")
    static class OutputWeight {
        @TestModel("a")
        static Model a() {
            return SmallNets.mlp("a", 4, 3, 7, 1, 0, 0, 0);
        }

        @TestModel("b")
        static Model b() {
            return SmallNets.mlp("b", 4, 3, 7, 1, 2, 1, 2.5);
        }

        @Test
        void predicts(@TestModel("a") Model a) {
            a.predict(SmallNets.inputs(5, 16));
        }
    }

    @DifferentialAgainst(model = "a", reference = "b", layerMap = "hidden=dense_1")
    static class UnknownTwinLayer {
        @TestModel("a")
        static Model a() {
            return SmallNets.mlp("a", 7);
        }

        @TestModel("b")
        static Model b() {
            return SmallNets.mlp("b", 7);
        }

        @Test
        void t() {}
    }

    @DifferentialAgainst(model = "a", reference = "b", layerMap = "hidden")
    static class MalformedLayerMap extends UnknownTwinLayer {}

    @Test
    void aShiftedMeanIsNamedAsTheFirstStageThatDiffers() {
        List<String> messages = failureMessages(DifferentialTestKit.run(dir, ShiftedMean.class, Map.of()));
        assertThat(messages).hasSize(1);
        String message = messages.get(0);
        assertThat(message).contains("where they part: first at stage 'standardize'");
        assertThat(line(message, "stage 'scale'"))
                .contains("max |difference| 0")
                .doesNotContain("<-");
        assertThat(line(message, "stage 'standardize'"))
                .contains("max |difference| 0.4000") // (1.8 - 1) / 2
                .contains("<- first divergence");
        assertThat(message).contains("layer 'hidden'", "layer 'out'", "model output");
    }

    @Test
    void everyInputTheMessageShowsIsLocalised() {
        String message = only(failureMessages(DifferentialTestKit.run(dir, ManyInputs.class, Map.of())));
        assertThat(message)
                .containsPattern("disagree on \\d\\d of 40 inputs")
                .contains("more, all in the received file");
        long shown = message.lines().filter(l -> l.startsWith("input ")).count();
        long localised = message.lines()
                .filter(l -> l.contains("where they part: first at stage 'standardize'"))
                .count();
        assertThat(shown).isEqualTo(10);
        assertThat(localised).isEqualTo(shown);
        assertThat(message).contains("(call 4, ");
    }

    @Test
    void aPerturbedHiddenWeightIsNamedAsTheFirstLayerThatDiffersThroughTheLayerMap() {
        String message = only(failureMessages(DifferentialTestKit.run(dir, HiddenWeight.class, Map.of())));
        assertThat(message).contains("where they part: first at layer 'hidden'");
        assertThat(line(message, "layer 'hidden'")).contains("<- first divergence");
    }

    @Test
    void aPerturbedOutputWeightLeavesTheHiddenLayerWithinTheTolerance() {
        String message = only(failureMessages(DifferentialTestKit.run(dir, OutputWeight.class, Map.of())));
        assertThat(message).contains("where they part: first at layer 'out'");
        assertThat(line(message, "layer 'hidden'"))
                .contains("max |difference| 0")
                .doesNotContain("<-");
    }

    @Test
    void aLayerMapNamingNoLayerOrMalformedFailsTheClass() {
        DifferentialTestKit.run(dir, UnknownTwinLayer.class, Map.of())
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(m -> m.contains("@DifferentialAgainst(layerMap)")
                                        && m.contains("names layer 'dense_1', which reference \"b\" (b) does not have;"
                                                + " its layers are [hidden, out]"))));
        DifferentialTestKit.run(dir, MalformedLayerMap.class, Map.of())
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                message(
                                        m -> m.equals(
                                                "Invalid value 'hidden' for"
                                                        + " @DifferentialAgainst(layerMap): expected \"layerOfTheModelUnderTest=layerOfTheReference\""))));
    }

    private static String only(List<String> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    /** The first line of the message's first localisation that names {@code step}. */
    private static String line(String message, String step) {
        return message.lines()
                .filter(l -> l.trim().startsWith(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in\n" + message));
    }
}
