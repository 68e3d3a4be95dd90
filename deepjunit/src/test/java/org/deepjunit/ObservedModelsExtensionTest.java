package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.model.Model;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.report.CoverageReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every declared model is observed, or the run says why not: a user's own {@link Model} (not extending the base
 * class) under {@link DifferentialAgainst} and {@link NeuronCoverage}, models that cannot be observed, tests that
 * run no observed forward pass, one factory call per class, and what DeepJUnit closes.
 */
class ObservedModelsExtensionTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ subjects

    /** A user-written delegating model, declared by a factory, against a reference that differs on every input. */
    @DifferentialAgainst(model = "wrapper", reference = "other")
    static class WrapperUnderDifferential {
        @TestModel("wrapper")
        static Model wrapper() {
            return new Reshaping(SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0));
        }

        @TestModel("other")
        static Model other() {
            return new Reshaping(SmallNets.mlp("other", 4, 3, 8, 0, 0, 0));
        }

        @Test
        void predicts(@TestModel("wrapper") Model wrapper) {
            wrapper.predict(Reshaping.inputs(1, 100));
        }
    }

    /** The same wrapper in a static field: test code could read it directly, so it cannot be observed. */
    @DifferentialAgainst(model = "wrapper", reference = "other")
    static class WrapperInField {
        @TestModel("wrapper")
        static final Model WRAPPER = new Reshaping(SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0));

        @TestModel("other")
        static Model other() {
            return new Reshaping(SmallNets.mlp("other", 4, 3, 8, 0, 0, 0));
        }

        @Test
        void predicts() {
            WRAPPER.predict(Reshaping.inputs(1, 100));
        }
    }

    @DifferentialAgainst(model = "mlp", reference = "twin")
    static class NothingObserved {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 3);
        }

        @TestModel("twin")
        static Model twin() {
            return SmallNets.mlp("twin", 3);
        }

        @Test
        void receivesButNeverRuns(@TestModel("mlp") Model mlp) {
            assertThat(mlp.layers()).isNotEmpty();
        }

        @Test
        void runsOnAnotherThread(@TestModel("mlp") Model mlp) throws InterruptedException {
            Thread other = new Thread(() -> mlp.predict(SmallNets.inputs(1, 4)));
            other.start();
            other.join();
        }

        @Test
        void runsAModelItMadeItself() {
            try (Model own = SmallNets.mlp("own", 3)) {
                own.predict(SmallNets.inputs(1, 4));
            }
        }

        @Test
        void usesNoModel() {
            assertThat(SmallNets.inputs(1, 4).batchSize()).isEqualTo(4);
        }
    }

    static final AtomicInteger FACTORY_CALLS = new AtomicInteger();
    static volatile Reshaping lastCreated;
    static final Reshaping FIELD_INNER = new Reshaping(SmallNets.mlp("field", 4, 3, 9, 0, 0, 0));

    /** One factory serving coverage, differential testing and a parameter; a declared model nobody runs. */
    @NeuronCoverage(rules = @CoverageRule(model = "unused", criterion = Criterion.NC, minimum = 0.1))
    @DifferentialAgainst(model = "wrapper", reference = "twin", absoluteTolerance = 1e-9)
    static class SharedFactory {
        @TestModel("wrapper")
        static Model wrapper() {
            FACTORY_CALLS.incrementAndGet();
            lastCreated = new Reshaping(SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0));
            return lastCreated;
        }

        @TestModel("twin")
        static Model twin() {
            return new Reshaping(SmallNets.mlp("twin", 4, 3, 7, 0, 0, 0));
        }

        @TestModel("unused")
        static Model unused() {
            return SmallNets.mlp("unused", 3);
        }

        @TestModel("field")
        static final Model FIELD = ObservedModel.observe(FIELD_INNER);

        @Test
        void first(@TestModel("wrapper") Model wrapper, @TestModel("field") Model field) {
            assertThat(field).isSameAs(FIELD);
            FIELD.predict(Reshaping.inputs(3, 2));
            wrapper.predict(Reshaping.inputs(1, 8));
        }

        @Test
        void second(@TestModel("wrapper") Model wrapper) {
            wrapper.activations(Reshaping.inputs(2, 8));
        }
    }

    @NeuronCoverage
    static class TwiceDeclared {
        @TestModel("mlp")
        static Model one() {
            return SmallNets.mlp("one", 3);
        }

        @TestModel("mlp")
        static Model two() {
            return SmallNets.mlp("two", 3);
        }

        @Test
        void never(@TestModel("mlp") Model mlp) {}
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aUserWrittenDelegatingModelIsObservedAndItsDisagreementsFound() {
        EngineExecutionResults results = run(Map.of(), selectClass(WrapperUnderDifferential.class));
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(DifferentialTestKit.failureMessages(results))
                .singleElement()
                .asString()
                .startsWith("reshaping-mlp (model under test) and reference \"other\" (reshaping-other) disagree on ")
                .contains(" of 100 inputs");
        assertThat(dir.resolve("approved/" + WrapperUnderDifferential.class.getName() + ".predicts.received.json"))
                .exists();
    }

    @Test
    void aFieldHoldingAModelThatCannotBeObservedFailsTheClassNamingBothFixes() {
        EngineExecutionResults results = run(Map.of(), selectClass(WrapperInField.class));
        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("@TestModel field WrapperInField.WRAPPER holds a " + Reshaping.class.getName()
                                        + ", which does not extend org.deepjunit.model.ObservedModel: test code that reads the field"
                                        + " directly would run it unobserved, so coverage and differential checks could not see it."
                                        + " Either make Reshaping extend ObservedModel, or declare the model with a static factory"
                                        + " method (@TestModel(\"wrapper\") static Model WRAPPER() {...}) and take it as a test"
                                        + " parameter (@TestModel(\"wrapper\") Model WRAPPER)")));
    }

    @Test
    void aTestThatRanNoObservedPassOfTheModelUnderTestFailsAndSaysWhy() {
        EngineExecutionResults results = run(Map.of(), selectClass(NothingObserved.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(3));
        String prefix =
                "No forward pass of the model under test reached DeepJUnit during " + NothingObserved.class.getName();
        String received = " so nothing was compared with reference \"twin\" (twin). The test received ['mlp'] but none"
                + " of its forward passes was observed: call predict/activations on that instance, on the test's own"
                + " thread (passes on other threads, e.g. in a parallel stream, are not observed), not on a model"
                + " taken out of it.";
        assertThat(DifferentialTestKit.failureMessages(results))
                .containsExactlyInAnyOrder(
                        prefix + ".receivesButNeverRuns," + received,
                        prefix + ".runsOnAnotherThread," + received,
                        prefix
                                + ".runsAModelItMadeItself, so nothing was compared with reference \"twin\" (twin). It ran"
                                + " [own], which no @TestModel of NothingObserved declares: declare the model under test with"
                                + " @TestModel (a static factory method, or a static field whose model extends ObservedModel)"
                                + " and take it as a parameter, or name the declared one in @DifferentialAgainst(model = ...).");
    }

    @Test
    void oneFactoryCallServesEveryAnnotationAndItsModelIsClosedOnceAfterTheClass() throws IOException {
        FACTORY_CALLS.set(0);
        Path report = dir.resolve("report");
        EngineExecutionResults results =
                run(Map.of("deepjunit.report.dir", report.toString()), selectClass(SharedFactory.class));
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(FACTORY_CALLS.get()).isEqualTo(1);
        assertThat(lastCreated.closed.get()).isEqualTo(1);
        assertThat(FIELD_INNER.closed.get()).isZero(); // a field's model stays its owner's to close

        // Coverage of the user's wrappers is recorded under their own names: 8 + 8 inputs, and 2.
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        assertThat(data.models())
                .extracting(ModelCoverage::name, ModelCoverage::samples)
                .containsExactlyInAnyOrder(tuple("reshaping-mlp", 16L), tuple("reshaping-field", 2L));
        // The declared models no test ran are reported, and the rule naming one fails the class.
        assertThat(data.unobserved())
                .extracting(CoverageData.Unobserved::model)
                .containsExactly("reshaping-twin", "unused"); // the reference runs unobserved; unused never ran
        String why = "not observed during " + SharedFactory.class.getName() + ": no forward pass of @TestModel"
                + " \"unused\" reached DeepJUnit (run it in a test of that class, on the test's thread)";
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(AssertionError.class), message("Rule violated for model unused: " + why)));
        List<String> summary = CoverageRun.of(report).writeAndRender(CoverageReports::render);
        assertThat(summary)
                .contains("DeepJUnit coverage unused: " + why + " \u00b7 report "
                        + report.toAbsolutePath().normalize().resolve("index.html"));
    }

    @Test
    void aNameDeclaredTwiceIsAnError() {
        EngineExecutionResults results = run(Map.of(), selectClass(TwiceDeclared.class));
        results.testEvents().assertStatistics(s -> s.started(0));
        results.allEvents()
                .assertThatEvents()
                .haveAtLeastOne(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("@TestModel 'mlp' is declared twice in " + TwiceDeclared.class.getName()
                                + ": TwiceDeclared.one() and TwiceDeclared.two(); give each model its own name")));
    }

    // ------------------------------------------------------------------ helpers

    private EngineExecutionResults run(Map<String, String> parameters, DiscoverySelector selector) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("deepjunit.differential.approved.dir", dir.resolve("approved").toString());
        all.putIfAbsent("deepjunit.report.dir", dir.resolve("report").toString());
        all.put("deepjunit.differential.approve", "false");
        all.put("junit.jupiter.execution.parallel.enabled", "true");
        all.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(all)
                .selectors(selector)
                .execute();
    }
}
