package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deepjunit.coverage.GrowthTest;
import org.deepjunit.coverage.HandValues;
import org.deepjunit.coverage.ModelCoverage;
import org.junit.jupiter.api.Test;

/** The curves of GrowthTest's profiled model, whose corners' first inputs it works out by hand. */
class GrowthCurvesTest {

    @Test
    void withAProfileNbcAndSnacGetCurvesOfTheirCorners() {
        ModelCoverage m = GrowthTest.profiled();
        m.request(0, true);
        m.record(HandValues.of(GrowthTest.CORNERS_TEST), false);
        m.record(HandValues.of(GrowthTest.CORNERS_GENERATED), true);
        List<GrowthCurve> curves = GrowthCurves.of("m", m);

        assertThat(curves).extracting(GrowthCurve::criterion).containsExactly("NC(t=0)", "TKNC (k=1)", "NBC", "SNAC");
        GrowthCurve nbc = curves.get(2);
        // upper corners first at #1, #2, #4; lower at #2, #3: covered after n inputs
        assertThat(nbc.units()).isEqualTo(6);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L).stream().map(nbc::coveredAfter))
                .containsExactly(0L, 0L, 1L, 3L, 4L, 5L);
        GrowthCurve snac = curves.get(3);
        assertThat(snac.units()).isEqualTo(3);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L).stream().map(snac::coveredAfter))
                .containsExactly(0L, 0L, 1L, 2L, 2L, 3L);
    }
}
