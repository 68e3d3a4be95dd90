package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.coverage.CoverageRule.Value;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.TinyModel;
import org.deepjunit.report.CoverageReports;
import org.deepjunit.report.CriterionValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code @NeuronCoverage(criteria = NC)}: recording without the top k (no TKNC, no TKNP) counts NC exactly as a full
 * recording does, keeps no patterns, and its report and gates say TKNC and TKNP were not recorded.
 */
class NcOnlyRecordingTest {

    static final TinyModel TINY = new TinyModel("tiny");

    static void predictThree() {
        TINY.predict(TinyModel.inputs(1, 0));
        TINY.predict(TinyModel.inputs(0, 2));
        TINY.predict(TinyModel.inputs(2, 0));
    }

    @NeuronCoverage(criteria = Criterion.NC)
    static class NcOnly {
        @Test
        void three() {
            predictThree();
        }
    }

    @NeuronCoverage
    static class Defaults {
        @Test
        void three() {
            predictThree();
        }
    }

    @NeuronCoverage(
            criteria = Criterion.NC,
            rules = @CoverageRule(element = Element.MODEL, criterion = Criterion.TKNC, minimum = 0.5))
    static class RuleOnWhatIsNotRecorded {
        @Test
        void t() {}
    }

    private static EngineExecutionResults run(Path report, Class<?> subject) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "deepjunit.report.dir",
                        report.toString(),
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.quality.history.url",
                        "none"))
                .selectors(selectClass(subject))
                .execute();
    }

    private static ModelCoverage recorded(Path report) throws IOException {
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        assertThat(data.models()).hasSize(1);
        return data.models().get(0);
    }

    @Test
    void ncAloneCountsNcAsTheFullRecordingDoesAndKeepsNoTopK(@TempDir Path dir) throws IOException {
        run(dir.resolve("nc"), NcOnly.class).testEvents().assertStatistics(s -> s.succeeded(1));
        run(dir.resolve("all"), Defaults.class).testEvents().assertStatistics(s -> s.succeeded(1));
        ModelCoverage nc = recorded(dir.resolve("nc"));
        ModelCoverage all = recorded(dir.resolve("all"));

        assertThat(nc.spec().topK()).isZero();
        assertThat(all.spec().topK()).isEqualTo(2);
        assertThat(nc.samples()).isEqualTo(3);
        for (double t : new double[] {0, 0.25, 0.5, 0.75}) {
            assertThat(nc.count(Criterion.NC, t, true)).isEqualTo(all.count(Criterion.NC, t, true));
        }
        for (String layer : all.layers().keySet()) {
            LayerCoverage a = all.layers().get(layer);
            LayerCoverage n = nc.layers().get(layer);
            for (int j = 0; j < a.neurons(); j++) {
                assertThat(n.maxScaled(j)).isEqualTo(a.maxScaled(j));
                assertThat(n.firstCovered(j)).isEqualTo(a.firstCovered(j));
            }
        }
        assertThat(all.patternCount()).isPositive();
        assertThat(nc.patternCount()).isZero();
        assertThat(nc.count(Criterion.TKNC, 0, true)[0]).isZero();

        CoverageData data = new CoverageData();
        data.add(nc);
        assertThat(CoverageReports.build(data, "t", Instant.now(), null, null)
                        .models()
                        .get(0)
                        .criteria())
                .extracting(CriterionValue::criterion)
                .containsExactly("NC(t=0)", "NC(t=0.25)", "NC(t=0.5)", "NC(t=0.75)");
        Gate tknc = new Gate("", Element.MODEL, Criterion.TKNC, Value.COVEREDRATIO, 0.5, Double.NaN);
        assertThat(tknc.check(data, 0, true))
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .isEqualTo("Rule violated for model tiny: TKNC was not recorded (its tests' criteria had "
                                + "neither TKNC nor TKNP): add it to @NeuronCoverage(criteria) or "
                                + "deepjunit.coverage.criteria"));
    }

    @Test
    void aRuleOnTheTopKWithoutItAmongTheCriteriaIsAConfigurationError(@TempDir Path dir) {
        run(dir.resolve("r"), RuleOnWhatIsNotRecorded.class)
                .allEvents()
                .assertThatEvents()
                .haveAtLeastOne(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("A rule on TKNC needs TKNC among the criteria, which are [NC]: add it to "
                                + "@NeuronCoverage(criteria) or deepjunit.coverage.criteria")));
    }
}
