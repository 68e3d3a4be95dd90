package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordValidationTest {

    private static final double NaN = Double.NaN;

    @Test
    void aFigureNeedsNamesAFiniteValueAndSaneBounds() {
        assertThatThrownBy(() -> new FigureRecord(" ", "acc", "", 1, 1, NaN, NaN, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("figure kind is blank");
        assertThatThrownBy(() -> new FigureRecord("metric", null, "", 1, 1, NaN, NaN, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("figure name is null");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", null, 1, 1, NaN, NaN, null))
                .hasMessageContaining("use \"\" for the whole set");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", NaN, 1, NaN, NaN, null))
                .hasMessageContaining("figure acc has value NaN; a figure must be finite");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", Double.POSITIVE_INFINITY, 1, NaN, NaN, null))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", 1, -1, NaN, NaN, null))
                .hasMessageContaining("n = -1");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", 1, 1, Double.NEGATIVE_INFINITY, NaN, null))
                .hasMessageContaining("lower bound -Infinity; a bound is finite, or NaN when there is none");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", 0.5, 1, 0.6, 0.4, null))
                .hasMessageContaining("lower bound 0.6 above upper bound 0.4");
        assertThatThrownBy(() -> new FigureRecord("metric", "acc", "", 1, 1, NaN, NaN, "PASSED"))
                .hasMessageContaining("verdict \"PASSED\"; expected one of passed, failed, inconclusive, or null");
        FigureRecord oneSided = new FigureRecord("metric", "acc", "class=3", 1, 0, 0.5, NaN, "inconclusive");
        assertThat(oneSided.hasInterval()).isFalse();
        assertThat(new FigureRecord("m", "a", "", 1, 1, 0.5, 1, null).hasInterval())
                .isTrue();
    }

    @Test
    void aRunNeedsNamesAndCopiesItsFigures() {
        Instant t = Instant.EPOCH;
        List<FigureRecord> figures = new ArrayList<>(List.of(FigureRecord.of("metric", "acc", "", 1, 1)));
        RunRecord run = new RunRecord(t, "p", "t", "m", "", "", null, figures);
        figures.clear();
        assertThat(run.figures()).hasSize(1);
        assertThatThrownBy(() -> new RunRecord(null, "p", "t", "m", "", "", null, List.of()))
                .hasMessage("run time is null");
        assertThatThrownBy(() -> new RunRecord(t, "", "t", "m", "", "", null, List.of()))
                .hasMessage("project is blank");
        assertThatThrownBy(() -> new RunRecord(t, "p", "\t", "m", "", "", null, List.of()))
                .hasMessage("test id is blank");
        assertThatThrownBy(() -> new RunRecord(t, "p", "t", null, "", "", null, List.of()))
                .hasMessage("model is null");
        assertThatThrownBy(() -> new RunRecord(t, "p", "t", "m", null, "", null, List.of()))
                .hasMessageContaining("model fingerprint is null");
        assertThatThrownBy(() -> new RunRecord(t, "p", "t", "m", "", "", " ", List.of()))
                .hasMessage("commit is blank; use null if unknown");
        assertThatThrownBy(() -> new RunRecord(t, "p", "t", "m", "", "", null, Arrays.asList((FigureRecord) null)))
                .hasMessage("figure 0 of t is null");
    }
}
