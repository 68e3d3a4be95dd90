package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.fairness.FairnessMetric;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A fairness change gate under {@code @ModelQuality}, v2 against v1 in the same run: v1 is
 * {@link CounterfactualFairnessExtensionTest#linear} with sex weight 0 (both sexes selected alike, disparate impact
 * 1), v2 with weight 2 (disparate impact 0.4253, as in {@link ModelQualityFairnessTest}); the gate fails, and the
 * verdict goes to v2's {@code fairness} figures in the history.
 */
class ModelQualityFairnessChangeTest {

    @TempDir
    Path dir;

    @ModelQuality
    static class AgainstV1 {
        @Test
        void v2IsNoLessFairThanV1(Quality quality) {
            try (Model v1 = CounterfactualFairnessExtensionTest.linear(0, "v1");
                    Model v2 = CounterfactualFairnessExtensionTest.linear(2, "v2")) {
                Evaluation baseline = quality.evaluate(v1, ModelQualityFairnessTest.people());
                Evaluation candidate = quality.evaluate(v2, ModelQualityFairnessTest.people());
                quality.fairness(candidate, Slicing.byValues("sex", ModelQualityFairnessTest.sexes()))
                        .privileged("sex=1")
                        .against(baseline)
                        .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.1))
                        .gate(FairnessMetric.ACCURACY, g -> g.maxWorsening(0.5))
                        .check();
            }
        }
    }

    /** The same model, {@code linear}, with the sex weight of the run: approved at 0, changed to 2. */
    @ModelQuality
    static class AgainstApproved {
        static volatile double weight;

        @Test
        void noLessFairThanApproved(Quality quality) {
            try (Model model = CounterfactualFairnessExtensionTest.linear(weight)) {
                Evaluation e = quality.evaluate(model, ModelQualityFairnessTest.people());
                quality.fairness(e, Slicing.byValues("sex", ModelQualityFairnessTest.sexes()))
                        .privileged("sex=1")
                        .againstApproved()
                        .gate(
                                FairnessMetric.DISPARATE_IMPACT,
                                g -> g.atLeast(0.3).maxWorsening(0.1))
                        .check();
            }
        }
    }

    private EngineExecutionResults run(Class<?> test, boolean approve) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        dir.resolve("report").toString(),
                        "deepjunit.quality.approved.dir",
                        dir.resolve("approved").toString(),
                        "deepjunit.quality.approve",
                        String.valueOf(approve),
                        "deepjunit.quality.history.url",
                        "jdbc:sqlite:" + dir.resolve("history.db"),
                        "deepjunit.quality.history.project",
                        "fairness-change"))
                .selectors(selectClass(test))
                .execute();
    }

    private static String failure(EngineExecutionResults r) {
        return r.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no test failed"));
    }

    @Test
    void aWorseDisparateImpactThanTheApprovedBaselineFails() {
        AgainstApproved.weight = 2;
        assertThat(failure(run(AgainstApproved.class, false)))
                .startsWith("No approved quality baseline ")
                .contains("for the fairness change gates of linear: this run's is written beside it as .received");
        AgainstApproved.weight = 0;
        run(AgainstApproved.class, true).testEvents().assertStatistics(s -> s.succeeded(1));
        run(AgainstApproved.class, false).testEvents().assertStatistics(s -> s.succeeded(1));
        AgainstApproved.weight = 2;
        assertThat(failure(run(AgainstApproved.class, false)))
                .startsWith("1 fairness gate failed:\nFairness gate failed for linear against linear (approved):"
                        + " disparate impact (sex=0 vs sex=1, n = 200) is 0.4253 against the baseline linear"
                        + " (approved)'s 1.0000: change -0.5747 (95% interval ")
                .endsWith(", but the largest drop allowed is 0.1000; selection rate 0.3700 (sex=0) against 0.8700"
                        + " (sex=1)");
    }

    @Test
    void aWorseDisparateImpactThanTheInRunBaselineFailsAndIsRecorded() {
        String message = failure(run(AgainstV1.class, false));
        assertThat(message)
                .startsWith("1 fairness gate failed:\nFairness gate failed for v2 against v1: disparate impact"
                        + " (sex=0 vs sex=1, n = 200) is 0.4253 against the baseline v1's ")
                .endsWith(", but the largest drop allowed is 0.1000; selection rate 0.3700 (sex=0) against 0.8700"
                        + " (sex=1)");

        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            RunRecord run = history.runs("fairness-change", "v2", 10).get(0);
            assertThat(figure(run, "disparate impact", "sex=0 vs sex=1").verdict())
                    .isEqualTo("failed");
            assertThat(figure(run, "accuracy", "sex=0").verdict()).isEqualTo("passed");
            assertThat(figure(run, "selection rate", "sex=0").verdict()).isNull();
        }
    }

    private static FigureRecord figure(RunRecord run, String name, String slice) {
        return run.figures().stream()
                .filter(f -> f.kind().equals("fairness")
                        && f.name().equals(name)
                        && f.slice().equals(slice))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fairness " + name + "[" + slice + "] in " + run.figures()));
    }
}
