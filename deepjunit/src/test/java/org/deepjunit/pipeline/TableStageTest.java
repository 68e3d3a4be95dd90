package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** CSV rows by column name: features computed by hand, and every bad row named by row, column and value. */
class TableStageTest {

    private static final String HEADER = "id,age,\"income, yearly\",city,churned";

    private static TableStage stage() {
        return TableStage.of(
                HEADER,
                Column.oneHot("city", "paris", "london", "tokyo").fillMissing("paris"),
                Column.number("age").fillMissing(35).standardize(40, 10),
                Column.number("income, yearly").standardize(50_000, 20_000));
    }

    @Test
    void columnsAreTakenByNameInTheGivenOrderWithOneHotFillAndStoredStatistics() {
        TableStage table = stage();
        assertThat(table.featureNames())
                .containsExactly("city=paris", "city=london", "city=tokyo", "age", "income, yearly");
        Tensor x = table.apply(List.of("7, 52, 61000, tokyo, 0", "8,,\"48000\",,1"));
        assertThat(x.shape()).isEqualTo(Shape.of(2, 5));
        assertThat(x.toFloatArray())
                .containsExactly(
                        new float[] {
                            0, 0, 1, (52 - 40) / 10f, (61_000 - 50_000) / 20_000f, // tokyo, age 52
                            1, 0, 0, (35 - 40) / 10f, (48_000 - 50_000) / 20_000f // filled: paris, age 35
                        },
                        within(1e-7f));
    }

    @Test
    void badRowsAndColumnsAreNamed() {
        assertThatThrownBy(() -> TableStage.of(HEADER, Column.number("salary")))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'table': the header [id, age, income, yearly, city, churned] has no column"
                        + " 'salary'; name a column of the header");
        TableStage table = stage();
        assertThatThrownBy(() -> table.apply(List.of("1,30,1000,paris,0", "2,30,1000,berlin,0")))
                .hasMessage("Stage 'table': row 2, column 'city' holds 'berlin', which is none of its categories"
                        + " [paris, london, tokyo]");
        assertThatThrownBy(() -> table.apply(List.of("1,thirty,1000,paris,0")))
                .hasMessage("Stage 'table': row 1, column 'age' holds 'thirty', not a number");
        assertThatThrownBy(() -> table.apply(List.of("1,30,,paris,0")))
                .hasMessage("Stage 'table': row 1, column 'income, yearly' is empty; fill it with"
                        + " Column.fillMissing(...) or clean the data");
        assertThatThrownBy(() -> table.apply(List.of("1,30,1000,paris")))
                .hasMessage("Stage 'table': row 1 has 4 cells, but the header [id, age, income, yearly, city,"
                        + " churned] has 5 columns");
        assertThatThrownBy(() -> table.apply(List.of("1,NaN,1000,paris,0")))
                .hasMessageContaining("column 'age' holds NaN; leave the cell empty");
        assertThatThrownBy(() -> Column.oneHot("city", "a").fillMissing("b"))
                .hasMessage("Column 'city': fill with one of its categories [a], not 'b'");
        assertThatThrownBy(() -> Column.number("age").standardize(0, 0))
                .hasMessageContaining("a positive standard deviation");
    }
}
