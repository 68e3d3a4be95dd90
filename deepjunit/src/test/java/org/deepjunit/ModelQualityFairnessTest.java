package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepjunit.data.Dataset;
import org.deepjunit.fairness.FairnessMetric;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Fairness under {@code @ModelQuality}: the injected {@link Quality} gates a model's disparate impact, the failure
 * names the groups and rates, and every figure, verdict and group count goes to the report entries and the history.
 * The model is {@link CounterfactualFairnessExtensionTest#linear} with w = 2 on 200 people, 100 of each sex with
 * the same x grid: it selects x > −0.5 for sex 1 (87 of 100) but x > 1.5 for sex 0 (37 of 100).
 */
class ModelQualityFairnessTest {

    @TempDir
    Path dir;

    /** x = −1 + 0.04·k for k = 0 … 99 for each sex; label 1 when x > 0.5 (62 of each sex). */
    static Dataset people() {
        float[] values = new float[200 * 3];
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            float x = -1 + 0.04f * (i / 2);
            values[i * 3] = x;
            values[i * 3 + 1] = i % 2;
            labels[i] = x > 0.5 ? 1 : 0;
        }
        return new Dataset("people", Shape.of(3), values, labels);
    }

    static List<String> sexes() {
        List<String> sexes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sexes.add(String.valueOf(i % 2));
        }
        return sexes;
    }

    @ModelQuality
    static class Gated {
        @Test
        void treatsBothSexesAlike(Quality quality) {
            try (Model model = CounterfactualFairnessExtensionTest.linear(2)) {
                Evaluation e = quality.evaluate(model, people());
                quality.fairness(e, Slicing.byValues("sex", sexes()))
                        .privileged("sex=1")
                        .gates()
                        .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
                        .gate(FairnessMetric.ACCURACY, g -> g.atLeast(0.5))
                        .check();
            }
        }
    }

    @Test
    void aFailedFourFifthsGateIsReportedAndRecordedWithEveryFigure() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        dir.resolve("report").toString(),
                        "deepjunit.quality.approved.dir",
                        dir.resolve("approved").toString(),
                        "deepjunit.quality.history.url",
                        "jdbc:sqlite:" + dir.resolve("history.db"),
                        "deepjunit.quality.history.project",
                        "fairness-test"))
                .selectors(selectClass(Gated.class))
                .execute();
        String message = r.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .findFirst()
                .orElseThrow();
        assertThat(message)
                .startsWith(
                        "1 fairness gate failed:\nFairness gate failed for linear: disparate impact (sex=0 vs sex=1,"
                                + " n = 200) is 0.4253 (95% interval ")
                .endsWith(", but expected minimum is 0.8000; selection rate 0.3700 (sex=0) against 0.8700 (sex=1)");

        Map<String, String> entries = new java.util.HashMap<>();
        r.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .forEach(entries::putAll);
        assertThat(Double.parseDouble(entries.get("deepjunit.fairness.linear.disparate impact[sex=0 vs sex=1]")))
                .isCloseTo(0.37 / 0.87, within(1e-12));
        assertThat(entries).containsEntry("deepjunit.fairness.linear.selection rate[sex=1]", "0.87");

        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            RunRecord run = history.runs("fairness-test", "linear", 10).get(0);
            FigureRecord di = figure(run, "fairness", "disparate impact", "sex=0 vs sex=1");
            assertThat(di.verdict()).isEqualTo("failed");
            assertThat(di.n()).isEqualTo(200);
            assertThat(di.lower()).isLessThan(di.value());
            assertThat(di.upper()).isLessThan(0.8);
            assertThat(figure(run, "fairness", "accuracy", "sex=0").verdict()).isEqualTo("passed");
            assertThat(figure(run, "fairness", "accuracy", "sex=0").value()).isEqualTo(0.75);
            assertThat(figure(run, "fairness", "selection rate", "sex=0").verdict())
                    .isNull();
            assertThat(figure(run, "metric", "accuracy", "all").value()).isEqualTo(0.75);
            // each group's confusion counts: sex 0 selects k ≥ 63 (all positive), misses k = 38 … 62
            assertThat(figure(run, "group confusion", "1,1", "sex=0").value()).isEqualTo(37);
            assertThat(figure(run, "group confusion", "1,0", "sex=0").value()).isEqualTo(25);
            assertThat(figure(run, "group confusion", "0,0", "sex=0").value()).isEqualTo(38);
            assertThat(run.figures().stream()
                            .filter(f -> f.kind().equals("group confusion"))
                            .mapToDouble(FigureRecord::value)
                            .sum())
                    .isEqualTo(200);
        }
    }

    private static FigureRecord figure(RunRecord run, String kind, String name, String slice) {
        return run.figures().stream()
                .filter(f -> f.kind().equals(kind)
                        && f.name().equals(name)
                        && f.slice().equals(slice))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + kind + " " + name + "[" + slice + "] in " + run.figures()));
    }
}
