package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.Model;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.QualityGates;
import org.deepjunit.quality.QualityRule;
import org.deepjunit.quality.RunFigures;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code @ModelQuality} end to end on LeNet-5 and the MNIST test set: the first run has no baseline and says how to
 * approve one, an approved baseline makes later runs of the same model pass quietly, and a perturbed LeNet-5 fails
 * its change gate with the exact message.
 */
class ModelQualityExtensionTest {

    @TempDir
    Path dir;

    static Dataset mnist() {
        return Datasets.load(GeneratedInputsExtensionTest.MNIST, GeneratedInputsExtensionTest.LABELS, Double.NaN);
    }

    /** LeNet-5 (TensorFlow twin) with every weight moved by {@code shift} toward larger magnitude. */
    static Model lenet5(double shift) {
        try {
            Path export = Files.createTempDirectory("deepjunit-quality").resolve("lenet5");
            TensorFlowModel.Builder b = TensorFlowModel.builder(export).name("lenet5");
            DeepXploreModels.export(LeNet.LENET5, export, w -> w + shift * Math.signum(w))
                    .layers()
                    .forEach(b::layer);
            return b.build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ModelQuality
    abstract static class Gated {
        @Test
        void keepsItsAccuracy(@TestModel("lenet5") Model lenet5, Quality quality) {
            Evaluation e = quality.evaluate(lenet5, mnist()).slicedBy(Slicing.byClass());
            QualityGates gates = quality.gates(e)
                    .gate(Metrics.ACCURACY, g -> g.atLeast(0.9).maxDrop(0.002))
                    .gate(Metrics.ACCURACY, g -> g.atLeast(0.9).perSlice());
            for (int digit = 0; digit < 10; digit++) {
                gates.gate(Metrics.f1(digit), g -> g.atLeast(0.9));
            }
            gates.check();
        }
    }

    static class Intact extends Gated {
        @TestModel("lenet5")
        static Model lenet5() {
            return ModelQualityExtensionTest.lenet5(0);
        }
    }

    static class Perturbed extends Gated {
        @TestModel("lenet5")
        static Model lenet5() {
            return ModelQualityExtensionTest.lenet5(PERTURBATION);
        }
    }

    static final double PERTURBATION = 0.05;

    /** v2 against v1 in the same run: two small networks on 600 random samples labelled by v1. */
    @ModelQuality
    static class InRun {
        @Test
        void v2KeepsV1sAccuracy(Quality quality) {
            try (Model v1 = SmallNets.mlp("v1", 4, 3, 7, 0, 0, 0);
                    Model v2 = SmallNets.mlp("v2", 4, 3, 7, 0, 0, 0, 4.0)) {
                org.deepjunit.model.Tensor x = SmallNets.inputs(5, 600);
                int[] labels = v1.predict(x).argMax();
                Dataset data = new Dataset("random", x.shape().withoutBatch(), x.toFloatArray(), labels);
                Evaluation baseline = quality.evaluate(v1, data);
                quality.gates(quality.evaluate(v2, data))
                        .against(baseline)
                        .gate(Metrics.ACCURACY, g -> g.maxDrop(0.01))
                        .check();
            }
        }
    }

    private EngineExecutionResults run(Class<?> subject, boolean approve) {
        Map<String, String> params = new HashMap<>();
        params.put("junit.jupiter.execution.parallel.enabled", "false");
        params.put("deepjunit.report.dir", dir.resolve("report").toString());
        params.put("deepjunit.quality.approved.dir", dir.resolve("approved").toString());
        params.put("deepjunit.quality.approve", String.valueOf(approve));
        params.put("deepjunit.quality.history.url", "jdbc:sqlite:" + dir.resolve("history.db"));
        params.put("deepjunit.quality.history.project", "quality-test");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(selectClass(subject))
                .execute();
    }

    private static List<String> failures(EngineExecutionResults r) {
        return r.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }

    @Test
    void anotherModelOfTheSameRunCanBeTheBaselineAndGetsNoBaselineFile() {
        EngineExecutionResults r = run(InRun.class, false);
        assertThat(failures(r))
                .singleElement()
                .asString()
                .startsWith("1 quality gate failed:\nQuality gate failed for v2: accuracy (all, n = 600) is ")
                .contains("against the baseline's 1.0000");
        assertThat(dir.resolve("approved")
                        .resolve(InRun.class.getName() + ".v2KeepsV1sAccuracy.v1.quality.received.json"))
                .doesNotExist();
        assertThat(dir.resolve("approved")
                        .resolve(InRun.class.getName() + ".v2KeepsV1sAccuracy.v2.quality.received.json"))
                .exists();
    }

    @Test
    void everyFigureOfTheRunIsKeptForTheMavenCheckGoal() throws Exception {
        run(InRun.class, false);
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(RunFigures.dir(dir.resolve("report")))) {
            files = list.toList();
        }
        assertThat(files).singleElement().asString().endsWith(".json");
        List<RunFigures.Figure> figures = RunFigures.readAll(files);

        int agree = 0;
        try (Model v1 = SmallNets.mlp("v1", 4, 3, 7, 0, 0, 0);
                Model v2 = SmallNets.mlp("v2", 4, 3, 7, 0, 0, 0, 4.0)) {
            org.deepjunit.model.Tensor x = SmallNets.inputs(5, 600);
            int[] a = v1.predict(x).argMax();
            int[] b = v2.predict(x).argMax();
            for (int i = 0; i < a.length; i++) {
                agree += a[i] == b[i] ? 1 : 0;
            }
        }
        double accuracy = agree / 600.0;
        List<RunFigures.Figure> v2Accuracy = figures.stream()
                .filter(f -> f.model().equals("v2") && f.metric().equals("accuracy"))
                .toList();
        assertThat(v2Accuracy).hasSize(1);
        RunFigures.Figure v2 = v2Accuracy.get(0);
        assertThat(v2.value()).isEqualTo(accuracy);
        assertThat(v2.n()).isEqualTo(600);
        assertThat(v2.test()).isEqualTo(InRun.class.getName() + ".v2KeepsV1sAccuracy");
        assertThat(figures)
                .extracting(f -> f.model() + ":" + f.metric())
                .contains("v1:accuracy", "v1:macro F1", "v1:ECE", "v2:log loss", "v2:ROC-AUC")
                .doesNotContain("v2:top-5 accuracy"); // 3 classes
        assertThat(QualityRule.parse("v2:accuracy:atLeast:" + accuracy).get(0).check(figures))
                .singleElement()
                .extracting(QualityRule.Verdict::passed)
                .isEqualTo(true);
        assertThat(QualityRule.parse("v2:accuracy:atLeast:" + (accuracy + 1e-9))
                        .get(0)
                        .check(figures))
                .singleElement()
                .extracting(QualityRule.Verdict::passed)
                .isEqualTo(false);
    }

    @Test
    void aBaselineIsApprovedOnceThenGatesEveryLaterRun() throws Exception {
        String base = Gated.class.getName() + ".keepsItsAccuracy.lenet5.quality.";
        Path approved = dir.resolve("approved");

        // no baseline: the change gate fails saying how to approve, and the received files are written
        EngineExecutionResults first = run(Intact.class, false);
        assertThat(failures(first)).singleElement().asString().contains("No approved quality baseline");
        assertThat(approved.resolve(base + "received.json")).exists();
        assertThat(approved.resolve(base + "received.npy")).exists();

        // approving: the received files become the approved baseline
        run(Intact.class, true).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(approved.resolve(base + "approved.json")).exists();
        assertThat(approved.resolve(base + "received.json")).doesNotExist();

        // the same model again: passes, and writes nothing
        run(Intact.class, false).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(approved.resolve(base + "received.json")).doesNotExist();

        // a perturbed LeNet-5 fails its change gate, and its figures are received for a person to look at
        EngineExecutionResults perturbed = run(Perturbed.class, false);
        // 93 digits the approved LeNet-5 reads right and the perturbed one wrong, 21 the other way round
        assertThat(failures(perturbed))
                .containsExactly("1 quality gate failed:\n"
                        + "Quality gate failed for lenet5: accuracy (all, n = 10000) is 0.9809 against the baseline's"
                        + " 0.9881: change -0.0072 (95% interval -0.0093 to -0.0051, McNemar p = 5.31e-12, b = 93,"
                        + " c = 21), but the largest drop allowed is 0.0020");
        assertThat(approved.resolve(base + "received.json")).exists();

        // every run is in the history, the perturbed one with its failed change gate
        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            List<RunRecord> runs = history.runs("quality-test", "lenet5", 10);
            assertThat(runs).hasSize(4);
            assertThat(runs).extracting(r -> accuracy(r).value()).containsExactly(0.9881, 0.9881, 0.9881, 0.9809);
            assertThat(runs).extracting(RunRecord::testId).containsOnly(Gated.class.getName() + ".keepsItsAccuracy");
            FigureRecord change = runs.get(3).figures().stream()
                    .filter(f -> f.kind().equals("change") && f.name().equals("accuracy"))
                    .findFirst()
                    .orElseThrow();
            assertThat(change.value()).isCloseTo(-0.0072, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(change.lower()).isLessThan(change.value());
            assertThat(change.verdict()).isEqualTo("failed");
            long confused = runs.get(0).figures().stream()
                    .filter(f -> f.kind().equals("confusion"))
                    .mapToLong(f -> (long) f.value())
                    .sum();
            assertThat(confused).isEqualTo(10_000);
            assertThat(runs.get(0).modelFingerprint()).isEqualTo(runs.get(2).modelFingerprint());
            assertThat(runs.get(3).modelFingerprint()).isNotEqualTo(runs.get(0).modelFingerprint());
        }
    }

    private static FigureRecord accuracy(RunRecord run) {
        return run.figures().stream()
                .filter(f -> f.kind().equals("metric")
                        && f.name().equals("accuracy")
                        && f.slice().equals("all"))
                .findFirst()
                .orElseThrow();
    }
}
