package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;

/** What an attribution measures: mass in a region, rank correlation, distance; and the regions themselves. */
class AttributionTest {

    private static Attribution of(double[] values, int... shape) {
        return Attribution.of("test", "m", 0, Score.LOGIT, Tensor.of(values, shape));
    }

    @Test
    void massInARegionIsTheShareOfAbsoluteAttribution() {
        Attribution a = of(new double[] {1, -3, 0, 4, 2, 0}, 2, 3, 1);
        Mask left = Mask.box(Shape.of(2, 3, 1), 0, 0, 2, 1); // elements 0 and 3
        assertThat(a.massIn(left)).isCloseTo(5.0 / 10, within(1e-12));
        assertThat(a.massIn(left.invert())).isCloseTo(5.0 / 10, within(1e-12));
        assertThat(left.invert().name()).isEqualTo("not box 2x1 at (0, 0)");
        assertThat(of(new double[6], 2, 3, 1).massIn(left)).isNaN();
        assertThatThrownBy(() -> a.massIn(Mask.box(Shape.of(3, 3, 1), 0, 0, 1, 1)))
                .hasMessage(
                        "Mask 'box 1x1 at (0, 0)' of shape [3, 3, 1] does not fit an attribution of shape [2, 3, 1]");
        assertThat(a.values().shape()).as("batch-first").isEqualTo(Shape.of(1, 2, 3, 1));
    }

    @Test
    void aboveMarksWholePixels() {
        Tensor rgb = Tensor.of(new double[] {0, 0, 0.5, 0, 0, 0, 0.9, 0.9, 0.9, 0, 0.2, 0}, 1, 2, 2, 3);
        Mask m = Mask.above(rgb, 0.1);
        assertThat(m.shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(m.count()).isEqualTo(9); // pixels 0, 2 and 3, each with its three channels
        assertThat(m.contains(0)).isTrue();
        assertThat(m.contains(3)).isFalse();
        assertThat(m.name()).isEqualTo("pixels above 0.1");
        assertThatThrownBy(() -> Mask.box(Shape.of(2, 2, 3), 1, 1, 2, 1))
                .hasMessage("Box at (1, 1) of 2x1 does not fit an image of 2x2");
        assertThatThrownBy(() -> Mask.of(Shape.of(2, 2), new boolean[3], "x"))
                .hasMessage("A mask of shape [2, 2] needs 4 flags, got 3");
    }

    /** scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) = 0.8207826816681233 (ties share their mean rank). */
    @Test
    void rankCorrelationIsSpearmansWithTiesAveraged() {
        Attribution a = of(new double[] {1, 2, 3, 4, 5}, 5);
        assertThat(a.rankCorrelation(Tensor.of(new double[] {5, 6, 7, 8, 7}, 5)))
                .isCloseTo(0.8207826816681233, within(1e-12));
        assertThat(a.rankCorrelation(Tensor.of(new double[] {10, 20, 30, 40, 1000}, 1, 5)))
                .isCloseTo(1, within(1e-12));
        assertThat(a.rankCorrelation(Tensor.of(new double[] {5, 4, 3, 2, 1}, 5)))
                .isCloseTo(-1, within(1e-12));
        assertThat(a.rankCorrelation(Tensor.of(new double[] {3, 3, 3, 3, 3}, 5)))
                .isNaN();
        assertThat(Ranks.ranks(new double[] {2, 1, 2, 2})).containsExactly(3, 1, 3, 3);
        assertThatThrownBy(() -> a.rankCorrelation(Tensor.of(new double[4], 4)))
                .hasMessageContaining("their sizes differ");
    }

    @Test
    void distanceAndCompletenessAreRelative() {
        Attribution a = new Attribution("ig", "m", 2, Score.LOGIT, Tensor.of(new double[] {3, 4}, 1, 2), 10, 3);
        assertThat(a.norm()).isCloseTo(5, within(1e-12));
        assertThat(a.relativeDistance(of(new double[] {3, 7}, 2))).isCloseTo(0.6, within(1e-12));
        assertThat(a.completenessError()).isCloseTo(0, within(1e-12));
        Attribution off = new Attribution("ig", "m", 2, Score.LOGIT, Tensor.of(new double[] {3, 4.07}, 1, 2), 10, 3);
        assertThat(off.relativeCompletenessError()).isCloseTo(0.01, within(1e-12));
        assertThat(off.toString())
                .isEqualTo("Attribution[ig of m, logit of class 2, [2], sum 7.070, F(x) − F(x') 7.000, completeness"
                        + " error 0.07000 (1.00%)]");
        assertThat(of(new double[] {1}, 1).toString())
                .isEqualTo("Attribution[test of m, logit of class 0, [1], sum 1.000]");
    }
}
