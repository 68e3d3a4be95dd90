package org.deepjunit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.data.DataFormatException;
import org.deepjunit.quality.RunFigures.Figure;
import org.deepjunit.quality.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's quality figures file: what goes in, that it survives a round trip, and what a bad file says. */
class RunFiguresTest {

    @TempDir
    Path dir;

    /** Four samples, three classes: argmax 0, 1, 1, 2 against labels 0, 1, 2, 2 (3 of 4 right). */
    static Evaluation evaluation() {
        return Evaluation.of("m", "", "", new Predictions(new int[] {0, 1, 2, 2}, new double[][] {
            {0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.1, 0.8}
        }));
    }

    @Test
    void theTestsFiguresComeFirstThenEveryBuiltInMetricThatApplies() {
        List<Figure> figures = RunFigures.of("T.t", evaluation(), Map.of("recall[class=2]", 0.5), List.of());
        assertThat(figures.get(0)).isEqualTo(new Figure("T.t", "m", "recall", "class=2", 0.5, 4));
        assertThat(figures)
                .extracting(Figure::metric)
                .containsExactly("recall", "accuracy", "macro F1", "weighted F1", "log loss", "ROC-AUC", "ECE");
        Map<String, Double> byMetric =
                figures.stream().collect(java.util.stream.Collectors.toMap(Figure::metric, Figure::value));
        assertThat(byMetric.get("accuracy")).isEqualTo(0.75);
        // per class (precision, recall): 0 (1, 1), 1 (0.5, 1), 2 (1, 0.5): F1 1, 2/3, 2/3
        assertThat(byMetric.get("macro F1")).isCloseTo((1 + 2 / 3.0 + 2 / 3.0) / 3, within(1e-12));
        // weights 1, 1, 2 samples
        assertThat(byMetric.get("weighted F1")).isCloseTo((1 + 2 / 3.0 + 2 * 2 / 3.0) / 4, within(1e-12));
        assertThat(byMetric.get("log loss"))
                .isCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.3) + Math.log(0.8)) / 4, within(1e-12));
        assertThat(figures).allSatisfy(f -> assertThat(f.n()).isEqualTo(4));
    }

    @Test
    void scoresThatAreNotProbabilitiesGetNoProbabilityMetrics() {
        Evaluation logits =
                Evaluation.of("m", "", "", new Predictions(new int[] {0, 1}, new double[][] {{3, -1}, {0.5, 2}}));
        assertThat(RunFigures.of("T.t", logits, Map.of(), List.of()))
                .extracting(Figure::metric)
                .contains("accuracy", "macro F1")
                .doesNotContain("log loss", "ECE");
    }

    @Test
    void figuresSurviveTheFileAndOlderRunsFilesAreDeleted() throws Exception {
        Path quality = RunFigures.dir(dir.resolve("report"));
        Files.createDirectories(quality);
        Path stale = Files.writeString(quality.resolve("run-1-0-1-0.json"), "{\"figures\":[]}");
        RunFigures run = RunFigures.of(dir.resolve("report"));
        run.add(List.of(new Figure("T.a", "m", "accuracy", "all", 0.75, 4)));
        run.add(List.of(new Figure("T.b", "m", "ECE", "all", Double.NaN, 4)));

        assertThat(stale).doesNotExist();
        Path file = quality.resolve(CoverageRun.runId() + "-" + CoverageRun.jvmId() + ".json");
        assertThat(RunFigures.readAll(List.of(file)))
                .containsExactly(
                        new Figure("T.a", "m", "accuracy", "all", 0.75, 4),
                        new Figure("T.b", "m", "ECE", "all", Double.NaN, 4));
    }

    @Test
    void aFileThatIsNotFiguresIsNamedInTheError() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"figures\": [");
        assertThatThrownBy(() -> RunFigures.readAll(List.of(broken)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(broken + " is not a DeepJUnit quality figures file (")
                .hasMessageEndingWith("); delete it and run the tests again");
        Path coverage = Files.writeString(dir.resolve("coverage.json"), "{\"models\": []}");
        assertThatThrownBy(() -> RunFigures.readAll(List.of(coverage)))
                .hasMessage(coverage + " has no \"figures\" array: not a DeepJUnit quality figures file; delete it and"
                        + " run the tests again");
    }
}
