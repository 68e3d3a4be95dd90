package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.DifferentialTestKit.failureMessages;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.DifferentialExtensionTest.Implicit;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link DifferentialAgainst}'s output tolerances through a real Jupiter engine: from the annotation or the
 * configuration, a looser one accepts and a stricter one rejects what the default does not, and a bad value is a
 * configuration error.
 */
class DifferentialToleranceTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ subjects

    /**
     * Reference = the model under test with output weight (1, 0) moved by {@link #SMALL}: the top-1
     * class stays the same on every input, but outputs differ by more than the default 1%.
     */
    @DifferentialAgainst(model = "mlp", reference = "changed")
    static class SmallChange {
        static final double SMALL = 0.1;

        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0);
        }

        @TestModel("changed")
        static Model changed() {
            return SmallNets.mlp("mlp-changed", 4, 3, 7, 1, 0, SMALL);
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(12, 8));
        }
    }

    /** {@link SmallChange} with a tolerance on the annotation wide enough to accept it. */
    @DifferentialAgainst(model = "mlp", reference = "changed", absoluteTolerance = 1)
    static class SmallChangeLoose {
        @TestModel("mlp")
        static Model mlp() {
            return SmallChange.mlp();
        }

        @TestModel("changed")
        static Model changed() {
            return SmallChange.changed();
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(12, 8));
        }
    }

    /** Reference = the model under test with output weight (1, 0) moved by {@link #TINY}: within 1%, but not equal. */
    @DifferentialAgainst(model = "mlp", reference = "nudged")
    static class TinyChange {
        static final double TINY = 1e-4;

        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0);
        }

        @TestModel("nudged")
        static Model nudged() {
            return SmallNets.mlp("mlp-nudged", 4, 3, 7, 1, 0, TINY);
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(12, 8));
        }
    }

    /** {@link TinyChange} with a tolerance on the annotation too strict to accept it. */
    @DifferentialAgainst(model = "mlp", reference = "nudged", absoluteTolerance = 0, relativeTolerance = 0)
    static class TinyChangeStrict {
        @TestModel("mlp")
        static Model mlp() {
            return TinyChange.mlp();
        }

        @TestModel("nudged")
        static Model nudged() {
            return TinyChange.nudged();
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(12, 8));
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aLooserToleranceAcceptsWhatTheDefaultRejects() {
        // Preconditions, checked with plain loops: same top-1 on every input, some output beyond the
        // default |a - b| <= 1e-6 + 0.01 * max(|a|, |b|), every output within 1 of the other.
        boolean beyondDefault = false;
        try (Model a = SmallChange.mlp();
                Model b = SmallChange.changed()) {
            Tensor inputs = SmallNets.inputs(12, 8);
            double[] oa = a.predict(inputs).toDoubleArray();
            double[] ob = b.predict(inputs).toDoubleArray();
            assertThat(a.predict(inputs).argMax()).isEqualTo(b.predict(inputs).argMax());
            for (int i = 0; i < oa.length; i++) {
                double diff = Math.abs(oa[i] - ob[i]);
                beyondDefault |= diff > 1e-6 + 0.01 * Math.max(Math.abs(oa[i]), Math.abs(ob[i]));
                assertThat(diff).isLessThanOrEqualTo(1);
            }
        }
        assertThat(beyondDefault).isTrue();

        EngineExecutionResults byDefault = run(SmallChange.class, Map.of());
        byDefault.testEvents().assertStatistics(s -> s.succeeded(0).failed(1));
        assertThat(failureMessages(byDefault))
                .singleElement()
                .asString()
                .contains("(tolerance: absolute 1.0E-6 + relative 0.01, oracle TopOneOracle)")
                .doesNotContain("top-1 differs");
        run(SmallChange.class, Map.of("deepjunit.differential.tolerance.absolute", "1"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        run(SmallChangeLoose.class, Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void aStricterToleranceRejectsWhatTheDefaultAccepts() {
        // Preconditions, checked with plain loops: every output within the default tolerance, some not equal.
        double largest = 0;
        try (Model a = TinyChange.mlp();
                Model b = TinyChange.nudged()) {
            Tensor inputs = SmallNets.inputs(12, 8);
            double[] oa = a.predict(inputs).toDoubleArray();
            double[] ob = b.predict(inputs).toDoubleArray();
            for (int i = 0; i < oa.length; i++) {
                double diff = Math.abs(oa[i] - ob[i]);
                assertThat(diff).isLessThanOrEqualTo(1e-6 + 0.01 * Math.max(Math.abs(oa[i]), Math.abs(ob[i])));
                largest = Math.max(largest, diff);
            }
        }
        assertThat(largest).isGreaterThan(1e-6);

        run(TinyChange.class, Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        EngineExecutionResults strict = run(TinyChange.class, Map.of("deepjunit.differential.tolerance.relative", "0"));
        strict.testEvents().assertStatistics(s -> s.succeeded(0).failed(1));
        assertThat(failureMessages(strict))
                .singleElement()
                .asString()
                .contains("(tolerance: absolute 1.0E-6 + relative 0.0, oracle TopOneOracle)");
        EngineExecutionResults annotated = run(TinyChangeStrict.class, Map.of());
        annotated.testEvents().assertStatistics(s -> s.succeeded(0).failed(1));
        assertThat(failureMessages(annotated))
                .singleElement()
                .asString()
                .contains("(tolerance: absolute 0.0 + relative 0.0, oracle TopOneOracle)");
    }

    @Test
    void tolerancesComeFromTheConfiguration() {
        // With a tolerance of 1 and an oracle of outputs only, the perturbed reference agrees.
        EngineExecutionResults loose = run(Implicit.class, Map.of("deepjunit.differential.tolerance.absolute", "1"));
        assertThat(loose.testEvents().failed().count()).isEqualTo(1); // top-1 still differs
        // (that failure happens with any tolerance: the tolerance itself is checked by
        // aLooserToleranceAcceptsWhatTheDefaultRejects and aStricterToleranceRejectsWhatTheDefaultAccepts)
        EngineExecutionResults bad = run(Implicit.class, Map.of("deepjunit.differential.tolerance.relative", "-0.5"));
        bad.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message(
                                        "Invalid value '-0.5' for deepjunit.differential.tolerance.relative: expected a number >= 0")));
    }

    // ------------------------------------------------------------------ helpers

    private EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        return DifferentialTestKit.run(dir, subject, parameters);
    }
}
