package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepjunit.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link DifferentialAgainst} configurations that cannot work fail the class before any test runs (or, for a model
 * under test found only at its first forward pass, that test), naming the models and what to fix.
 */
class DifferentialConfigurationErrorsTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ subjects

    static final AtomicInteger CREATED = new AtomicInteger();

    @DifferentialAgainst(model = "mlp", reference = "missing")
    static class MissingReference {
        @TestModel("mlp")
        static Model mlp() {
            CREATED.incrementAndGet();
            return SmallNets.mlp("mlp", 1);
        }

        @TestModel("other")
        static Model other() {
            CREATED.incrementAndGet();
            return SmallNets.mlp("other", 1);
        }

        @Test
        void never() {
            CREATED.addAndGet(100);
        }
    }

    @DifferentialAgainst(model = "mlp", reference = "wide")
    static class OtherInputShape {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 1);
        }

        @TestModel("wide")
        static Model wide() {
            return SmallNets.mlp("wide", 6, 3, 1, 0, 0, 0);
        }

        @Test
        void never() {
            CREATED.addAndGet(100);
        }
    }

    @DifferentialAgainst(model = "mlp", reference = "four")
    static class OtherOutputSize {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 1);
        }

        @TestModel("four")
        static Model four() {
            return SmallNets.mlp("four", 4, 4, 1, 0, 0, 0);
        }

        @Test
        void never() {
            CREATED.addAndGet(100);
        }
    }

    /** Implicit model under test with another output size: found at its first forward pass. */
    static class ImplicitOtherOutputSize {
        @TestModel("four")
        static Model four() {
            return SmallNets.mlp("four", 4, 4, 1, 0, 0, 0);
        }

        @TestModel("own")
        static Model own() {
            return SmallNets.mlp("own", 1);
        }

        @Test
        @DifferentialAgainst(reference = "four")
        void predicts(@TestModel("own") Model own) {
            own.predict(SmallNets.inputs(3, 2));
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void missingReferenceFailsTheClassBeforeAnyModelIsCreated() {
        CREATED.set(0);
        EngineExecutionResults results = run(MissingReference.class, Map.of());
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        "@DifferentialAgainst(reference = \"missing\") on "
                                                + MissingReference.class.getName()
                                                + ": no @TestModel(\"missing\") in MissingReference or its superclasses (declared: [mlp, other])")));
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(CREATED.get()).isZero();
    }

    @Test
    void referenceWithAnotherInputShapeFailsTheClass() {
        EngineExecutionResults results = run(OtherInputShape.class, Map.of());
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        "Reference model \"wide\" (wide) takes inputs of shape [6] but the model under test (mlp) takes [4]:"
                                                + " @DifferentialAgainst on " + OtherInputShape.class.getName()
                                                + " needs a reference for the same inputs")));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void referenceWithAnotherOutputSizeFailsTheClass() {
        EngineExecutionResults results = run(OtherOutputSize.class, Map.of());
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        "Reference model \"four\" (four) gives outputs of shape [4] but the model under test (mlp) gives [3]:"
                                                + " @DifferentialAgainst on " + OtherOutputSize.class.getName()
                                                + " needs a reference with the same outputs")));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void implicitModelWithAnotherOutputSizeIsAConfigurationError() {
        EngineExecutionResults results = run(ImplicitOtherOutputSize.class, Map.of());
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        m -> m.startsWith(
                                                "Reference model \"four\" (four) gives outputs of shape [4] but the model under test (own)"))));
    }

    private EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        return DifferentialTestKit.run(dir, subject, parameters);
    }
}
