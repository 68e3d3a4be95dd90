package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluations of a real (small) model on a CSV table: slices by class and by column, and the errors of bad input. */
class QualityEvaluationTest {

    @TempDir
    Path dir;

    /** 40 rows: four features, a city column and a label, the label column last. */
    Path table() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,d,city,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7)
                    .append(',')
                    .append(i % 5)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 2)
                    .append(',')
                    .append(i % 4 == 0 ? 0 : 1)
                    .append(',')
                    .append(i % 3)
                    .append('\n');
        }
        Path file = dir.resolve("table.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void slicesByClassAndByAColumnPartitionTheSamples() throws Exception {
        Path table = table();
        Dataset data = Datasets.load(table.toString(), "-2", 1);
        try (Model mlp = SmallNets.mlp("mlp", 5, 3, 11, 0, 0, 0)) {
            Evaluation e = Evaluation.of(mlp, data)
                    .slicedBy(Slicing.byClass())
                    .slicedBy(Slicing.byColumn(table.toString(), "city"));
            assertThat(e.slices()).containsExactly("all", "class=0", "class=1", "class=2", "city=0", "city=1");
            assertThat(e.indices("city=0")).containsExactly(0, 4, 8, 12, 16, 20, 24, 28, 32, 36);
            assertThat(e.indices("class=2")).hasSize(13);
            // accuracy of a slice is the share of its samples answered right, by a plain loop
            int[] predicted = e.predictions().predicted();
            int right = 0;
            for (int i : e.indices("city=1")) {
                right += predicted[i] == e.predictions().labels()[i] ? 1 : 0;
            }
            assertThat(e.value(Metrics.ACCURACY, "city=1")).isEqualTo(right / 30.0);
        }
    }

    @Test
    void badInputIsAClearError() throws Exception {
        Path table = table();
        Dataset data = Datasets.load(table.toString(), "-2", 1);
        try (Model mlp = SmallNets.mlp("mlp", 5, 3, 11, 0, 0, 0)) {
            Evaluation e = Evaluation.of(mlp, data);
            assertThatThrownBy(() -> e.slicedBy(Slicing.byColumn(table.toString(), "town")))
                    .hasMessageContaining("has no column 'town' in its header [a, b, c, d, city, label]");
            Evaluation empty = e.slicedBy(p -> Map.of("none", new int[0]));
            assertThatThrownBy(() -> empty.value(Metrics.ACCURACY, "none"))
                    .hasMessage("Slice 'none' of mlp is empty: accuracy has no value on no samples");
            assertThatThrownBy(() -> e.slicedBy(Slicing.byClass()).slicedBy(Slicing.byClass()))
                    .hasMessage("Slice 'class=0' is defined twice; name slices uniquely");
        }
        Dataset unlabelled = Datasets.load(table.toString(), "", 1);
        try (Model mlp = SmallNets.mlp("mlp", 6, 3, 11, 0, 0, 0)) {
            assertThatThrownBy(() -> Evaluation.of(mlp, unlabelled)).hasMessageContaining("has no labels");
        }
    }
}
