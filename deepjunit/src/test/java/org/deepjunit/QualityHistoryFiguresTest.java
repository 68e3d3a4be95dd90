package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.Model;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/** DeepJUnit's other figures in the quality history: a differential test's disagreements, a generator's inputs. */
class QualityHistoryFiguresTest {

    @TempDir
    Path dir;

    /** Five inputs, compared with a reference whose output weight is moved: some top-1 answers flip. */
    @DifferentialAgainst(model = "mlp", reference = "perturbed", absoluteTolerance = 1)
    static class Disagreeing {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("mlp", 4, 3, 7, 0, 0, 0);
        }

        @TestModel("perturbed")
        static Model perturbed() {
            return SmallNets.mlp("mlp-perturbed", 4, 3, 7, 1, 0, 2.5);
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(3, 40));
        }
    }

    @NeuronCoverage(threshold = 0.5)
    static class Covered {
        @TestModel("mlp")
        static Model mlp() {
            return SmallNets.mlp("covered-mlp", 4, 3, 7, 0, 0, 0);
        }

        @Test
        void predicts(@TestModel("mlp") Model model) {
            model.predict(SmallNets.inputs(3, 40));
        }
    }

    private void run(DiscoverySelector selector) {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        dir.resolve("report").toString(),
                        "deepjunit.differential.approved.dir",
                        dir.resolve("approved").toString(),
                        "deepjunit.quality.history.url",
                        "jdbc:sqlite:" + dir.resolve("history.db"),
                        "deepjunit.quality.history.project",
                        "figures"))
                .selectors(selector)
                .execute();
    }

    private List<RunRecord> runs(String model) {
        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            return history.runs("figures", model, 10);
        }
    }

    @Test
    void aDifferentialTestRecordsItsDisagreements() {
        run(selectClass(Disagreeing.class));
        RunRecord run = runs("mlp").get(0);
        assertThat(run.testId()).isEqualTo(Disagreeing.class.getName() + ".predicts");
        assertThat(run.modelFingerprint()).isNotBlank();
        FigureRecord f = run.figures().get(0);
        assertThat(f.kind()).isEqualTo("disagreements");
        assertThat(f.name()).isEqualTo("reference perturbed");
        assertThat(f.n()).isEqualTo(40);
        assertThat(f.value()).isPositive().isLessThanOrEqualTo(40);
        assertThat(f.verdict()).isEqualTo("failed");
    }

    @Test
    void aCoverageClassRecordsEachCriterion() {
        run(selectClass(Covered.class));
        RunRecord run = runs("covered-mlp").get(0);
        assertThat(run.testId()).isEqualTo(Covered.class.getName());
        FigureRecord nc = run.figures().stream()
                .filter(f -> f.kind().equals("coverage") && f.name().equals("NC(t=0.5)"))
                .findFirst()
                .orElseThrow();
        assertThat(nc.value()).isBetween(0.0, 1.0);
        assertThat(nc.n()).as("the MLP's neurons").isPositive();
    }

    @Test
    void aGeneratorRecordsHowManyInputsItMade() {
        run(selectMethod(GeneratedInputsExtensionTest.Subject.class, "transform", GeneratedInput.class.getName()));
        List<RunRecord> runs = runs("lenet1");
        assertThat(runs).singleElement().satisfies(r -> {
            FigureRecord f = r.figures().get(0);
            assertThat(f.kind()).isEqualTo("generated");
            assertThat(f.name()).isEqualTo("TRANSFORM");
            assertThat(f.value()).as("3 seeds, 2 transformations each").isEqualTo(6);
            assertThat(f.n()).isEqualTo(3);
        });
    }
}
