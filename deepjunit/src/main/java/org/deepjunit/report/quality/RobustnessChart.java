package org.deepjunit.report.quality;

import java.awt.geom.Ellipse2D;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Robustness curves as a PNG line chart: accuracy up, the strength across (attacks' ε, or in a chart of their own
 * corruptions' severity), one line per attack through its robust accuracy at each strength, starting from the clean
 * accuracy at 0, so that how fast a perturbation breaks the model reads as a slope. An attack run at one strength
 * only is a point (and its clean accuracy).
 */
final class RobustnessChart {

    static final int WIDTH = 720;

    static final int HEIGHT = 320;

    private RobustnessChart() {}

    /**
     * The curves on {@code axis} ({@link RobustnessRuns#EPSILON} or {@link RobustnessRuns#SEVERITY}): a series per
     * attack of the rows on it, its points (strength, robust accuracy) in strength order, and (0, clean accuracy)
     * where the clean accuracy was recorded, from the attack's most recent run where they differ.
     */
    static XYSeriesCollection dataset(List<RobustnessRuns.Row> rows, String axis) {
        Map<String, XYSeries> curves = new LinkedHashMap<>();
        List<RobustnessRuns.Row> oldestFirst = rows.stream()
                .filter(r -> r.axis().equals(axis))
                .sorted(Comparator.comparing(r -> r.run().time()))
                .toList();
        rows.stream()
                .filter(r -> r.axis().equals(axis))
                .forEach(r -> curves.computeIfAbsent(r.attack(), a -> new XYSeries(a, true, false)));
        for (RobustnessRuns.Row r : oldestFirst) {
            XYSeries curve = curves.get(r.attack());
            curve.addOrUpdate(r.strength(), r.robust());
            if (!Double.isNaN(r.clean())) {
                curve.addOrUpdate(0.0, r.clean()); // the latest run's clean accuracy stays
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        curves.values().forEach(data::addSeries);
        return data;
    }

    /** The PNG bytes of the rows' curves on {@code axis}, {@value #WIDTH} × {@value #HEIGHT} pixels. */
    static byte[] png(List<RobustnessRuns.Row> rows, String axis) {
        XYSeriesCollection data = dataset(rows, axis);
        JFreeChart chart = Charts.styled(ChartFactory.createXYLineChart(
                null, axis, "accuracy", data, PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        double widest = data.getDomainUpperBound(false);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, widest > 0 ? 1.05 * widest : 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, Charts.COLOURS[s % Charts.COLOURS.length]);
            renderer.setSeriesStroke(s, Charts.LINE);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        plot.setRenderer(renderer);
        return Charts.png(chart, WIDTH, HEIGHT);
    }
}
