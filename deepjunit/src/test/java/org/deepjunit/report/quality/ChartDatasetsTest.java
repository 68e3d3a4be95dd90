package org.deepjunit.report.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The data each chart hands to JFreeChart, against values worked out by hand from {@link ChartRuns} and
 * {@link QualityRuns}: a chart that draws the wrong numbers looks as convincing as one that draws the right ones.
 */
class ChartDatasetsTest {

    private static final double EXACT = 1e-12;

    @Test
    void theRobustnessCurvesAreTheLatestRunOfEachEpsilonInEpsilonOrderFromTheCleanAccuracy() {
        List<RobustnessRuns.Row> rows = RobustnessRuns.latest("lenet5", ChartRuns.robustness());
        // attacks by name, then ε; the corruption (a severity) last; the older fgsm(eps=0.1) run (0.50) is superseded
        assertThat(rows)
                .extracting(RobustnessRuns.Row::perturbation)
                .containsExactly(
                        "fgsm(eps=0.05)",
                        "fgsm(eps=0.1)",
                        "pgd(LINF, eps=0.1, steps=10, step=0.025, random start=true, restarts=1, seed=0)",
                        "GAUSSIAN_NOISE 3 (seed=1)");
        assertThat(rows)
                .extracting(RobustnessRuns.Row::attack)
                .containsExactly(ChartRuns.FGSM, ChartRuns.FGSM, ChartRuns.PGD, ChartRuns.NOISE);
        assertThat(rows).extracting(RobustnessRuns.Row::robust).containsExactly(0.85, 0.55, 0.30, 0.80);
        assertThat(rows).extracting(RobustnessRuns.Row::strength).containsExactly(0.05, 0.1, 0.1, 3.0);

        XYSeriesCollection curves = RobustnessChart.dataset(rows, RobustnessRuns.EPSILON);
        assertThat(curves.getSeriesCount()).isEqualTo(2);
        assertThat(List.of(curves.getSeriesKey(0), curves.getSeriesKey(1)))
                .containsExactly(ChartRuns.FGSM, ChartRuns.PGD);
        // fgsm: clean 0.93 from its latest run (eps=0.05, recorded last), then by ε although 0.1 was recorded first
        assertThat(points(curves, 0)).containsExactly(List.of(0.0, 0.93), List.of(0.05, 0.85), List.of(0.1, 0.55));
        assertThat(points(curves, 1)).containsExactly(List.of(0.0, 0.92), List.of(0.1, 0.30));

        XYSeriesCollection severities = RobustnessChart.dataset(rows, RobustnessRuns.SEVERITY);
        assertThat(severities.getSeriesCount()).isEqualTo(1);
        assertThat(severities.getSeriesKey(0)).isEqualTo(ChartRuns.NOISE);
        assertThat(points(severities, 0)).containsExactly(List.of(0.0, 0.92), List.of(3.0, 0.80));
    }

    @Test
    void aRobustnessRunOfAnotherModelIsNoPointOfThisOne() {
        List<RobustnessRuns.Row> rows = RobustnessRuns.latest("lenet", ChartRuns.robustness());
        assertThat(rows).isEmpty();
    }

    @Test
    void theFairnessBarsAreEachRatesGroupsInOrderWithTheirIntervalsAndTheWeightedOverallRate() {
        List<FairnessBars> bars = FairnessBars.of(ChartRuns.fairness());
        // the comparisons (disparate impact, equalized odds over "sex") are no bars
        assertThat(bars)
                .extracting(FairnessBars::title)
                .containsExactly("selection rate by sex", "true positive rate by sex");
        // (0.30 · 200 + 0.50 · 300) / 500 and (0.60 · 50 + 0.80 · 150) / 200
        assertThat(bars.get(0).overall()).isCloseTo(0.42, within(EXACT));
        assertThat(bars.get(1).overall()).isCloseTo(0.75, within(EXACT));

        YIntervalSeriesCollection selection = FairnessChart.dataset(bars.get(0));
        assertThat(bars.get(0).groups()).extracting(f -> f.slice()).containsExactly("sex=female", "sex=male");
        assertThat(intervals(selection))
                .containsExactly(List.of(0.0, 0.30, 0.24, 0.37), List.of(1.0, 0.50, 0.44, 0.56));
        assertThat(intervals(FairnessChart.dataset(bars.get(1))))
                .containsExactly(List.of(0.0, 0.60, 0.45, 0.74), List.of(1.0, 0.80, 0.73, 0.86));
    }

    @Test
    void theConfusionHeatMapShadesEachCellByItsShareOfTheTrueClassAndStatesItsCount() {
        ConfusionCells cells = ConfusionCells.of(QualityRuns.second()); // rows {38, 2, 0}, {10, 50, 0}, {1, 3, 21}
        DefaultXYZDataset data = ConfusionChart.dataset(cells);
        assertThat(data.getItemCount(0)).isEqualTo(9);
        // item 3 · t + p: x the predicted class, y the true class, z the share of the true class's row
        assertThat(List.of(data.getXValue(0, 3), data.getYValue(0, 3), data.getZValue(0, 3)))
                .containsExactly(0.0, 1.0, 10.0 / 60);
        assertThat(data.getZValue(0, 4)).isCloseTo(50.0 / 60, within(EXACT));
        assertThat(data.getZValue(0, 7)).isCloseTo(3.0 / 25, within(EXACT));
        assertThat(data.getZValue(0, 2)).isZero();
        List<String> counts = new ArrayList<>();
        ConfusionChart.chart(cells)
                .getXYPlot()
                .getAnnotations()
                .forEach(a -> counts.add(((XYTextAnnotation) a).getText()));
        assertThat(counts).containsExactly("38", "2", "0", "10", "50", "0", "1", "3", "21");
    }

    private static List<List<Double>> points(XYSeriesCollection curves, int series) {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < curves.getItemCount(series); i++) {
            points.add(List.of(curves.getXValue(series, i), curves.getYValue(series, i)));
        }
        return points;
    }

    private static List<List<Double>> intervals(YIntervalSeriesCollection bars) {
        List<List<Double>> items = new ArrayList<>();
        for (int i = 0; i < bars.getItemCount(0); i++) {
            items.add(List.of(
                    bars.getXValue(0, i), bars.getYValue(0, i), bars.getStartYValue(0, i), bars.getEndYValue(0, i)));
        }
        return items;
    }
}
