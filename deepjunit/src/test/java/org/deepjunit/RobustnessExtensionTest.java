package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Npy;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.robustness.Attacks;
import org.deepjunit.robustness.MinimalPerturbation;
import org.deepjunit.robustness.Robustness;
import org.deepjunit.robustness.RobustnessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Robustness runs in {@link ModelQuality} tests: recorded figures, history, saved examples and gates. */
class RobustnessExtensionTest {

    @TempDir
    Path dir;

    static Model mlp() {
        return SmallNetsAccess.mlp(5);
    }

    /** 60 inputs in [0.1, 0.9] labelled with the MLP's own predictions: clean accuracy 1. */
    static Dataset data() {
        Tensor x = SmallNetsAccess.unitInputs(8, 60);
        try (Model m = mlp()) {
            return new Dataset(
                    "unit-60", Shape.of(4), x.toFloatArray(), m.predict(x).argMax());
        }
    }

    @ModelQuality
    static class Subject {
        @org.junit.jupiter.api.Test
        void robust(Quality quality) {
            try (Model m = mlp()) {
                RobustnessResult r = quality.robustness(Robustness.of(m, data()).progress(null), Attacks.fgsm(0.3));
                quality.gates(r.perturbed())
                        .gate(Metrics.ACCURACY, g -> g.atLeast(0))
                        .check();
                quality.minimalPerturbation(Robustness.of(m, data()).progress(null), Attacks.fgsm(0.3), 8);
            }
        }

        @org.junit.jupiter.api.Test
        void fragile(Quality quality) {
            try (Model m = mlp()) {
                RobustnessResult r = quality.robustness(Robustness.of(m, data()).progress(null), Attacks.fgsm(0.3));
                quality.gates(r.perturbed())
                        .gate(Metrics.ACCURACY, g -> g.atLeast(0.99))
                        .check();
            }
        }
    }

    private EngineExecutionResults run() {
        Map<String, String> params = new HashMap<>();
        params.put("junit.jupiter.execution.parallel.enabled", "false");
        params.put("deepjunit.report.dir", dir.resolve("report").toString());
        params.put("deepjunit.quality.approved.dir", dir.resolve("approved").toString());
        params.put("deepjunit.quality.approve", "true");
        params.put("deepjunit.quality.history.url", "jdbc:sqlite:" + dir.resolve("history.db"));
        params.put("deepjunit.quality.history.project", "robust");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(selectClass(Subject.class))
                .execute();
    }

    @Test
    void aRunIsRecordedGatedAndItsExamplesSaved() throws Exception {
        RobustnessResult expected;
        MinimalPerturbation minimal;
        try (Model m = mlp()) {
            expected = Robustness.of(m, data()).progress(null).run(Attacks.fgsm(0.3));
            minimal = Robustness.of(m, data()).progress(null).minimalPerturbation(Attacks.fgsm(0.3), 8);
        }
        assertThat(minimal.median())
                .as("half the inputs must break for a finite median")
                .isFinite();
        assertThat(expected.fooled())
                .as("the attack must fool some inputs for this test to mean anything")
                .isPositive();
        String model = expected.perturbed().model();
        assertThat(model).isEqualTo("mlp-5 under fgsm(eps=0.3)");

        EngineExecutionResults results = run();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        List<String> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
        assertThat(failures).singleElement().asString().contains(model).contains("accuracy");

        Map<String, String> entries = new HashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .forEach(p -> entries.putAll(((ReportEntry) p).getKeyValuePairs()));
        assertThat(entries)
                .containsEntry(
                        "deepjunit.robustness." + model + ".robust accuracy", String.valueOf(expected.robustAccuracy()))
                .containsEntry(
                        "deepjunit.robustness." + model + ".attack success rate",
                        String.valueOf(expected.successRate()));

        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            List<RunRecord> runs = history.runs("robust", model, 10);
            // per test one run (the perturbed evaluation's metrics and robustness figures); and the minimal ε once
            assertThat(runs).hasSize(3);
            List<FigureRecord> figures = runs.stream()
                    .flatMap(r -> r.figures().stream())
                    .filter(f -> f.kind().equals("robustness"))
                    .toList();
            assertThat(figures)
                    .filteredOn(f -> f.name().equals("robust accuracy"))
                    .hasSize(2)
                    .allSatisfy(f -> assertThat(f.value()).isEqualTo(expected.robustAccuracy()));
            assertThat(history.runs("robust", "mlp-5", 10))
                    .as("the clean evaluation too")
                    .hasSize(2);
        }

        Path saved = dir.resolve("report/robustness/Subject.robust/mlp-5_under_fgsm_eps_0.3_");
        int first = expected.examples().get(0).index();
        float[] seed = Npy.read(saved.resolve(first + "-adversarial.seed.npy").toString())
                .values();
        float[] adversarial =
                Npy.read(saved.resolve(first + "-adversarial.npy").toString()).values();
        assertThat(seed).containsExactly(expected.examples().get(0).seed().toFloatArray());
        assertThat(adversarial)
                .containsExactly(expected.examples().get(0).perturbed().toFloatArray());
        assertThat(Files.readString(saved.resolve(first + "-adversarial.json")))
                .contains("\"predicted\"")
                .contains("\"seedTensorFile\" : \"" + first + "-adversarial.seed.npy\"")
                .contains("fgsm(eps=0.3)");
        assertThat(Files.readString(dir.resolve("report/robustness/index.html")))
                .contains("Subject.robust/mlp-5_under_fgsm_eps_0.3_/" + first + "-adversarial.npy")
                .contains("Subject.robust/mlp-5_under_fgsm_eps_0.3_/" + first + "-adversarial.seed.npy")
                .contains("<tr><th>Prediction of mlp-5 under fgsm(eps=0.3)</th>");
    }
}
