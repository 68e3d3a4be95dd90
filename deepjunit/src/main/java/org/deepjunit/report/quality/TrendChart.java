package org.deepjunit.report.quality;

import java.awt.geom.Ellipse2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A series drawn as a PNG line chart with JFreeChart, headless: the run number across, the value up. A point without
 * a value breaks the line (nothing is drawn for it); with many points the markers are left out.
 */
final class TrendChart {

    /** The chart's size in pixels. */
    static final int WIDTH = 720;

    static final int HEIGHT = 280;

    /** Above this many points the line is drawn without a marker per point. */
    private static final int MARKERS_UP_TO = 200;

    private TrendChart() {}

    /** The PNG bytes of {@code series}' chart. */
    static byte[] png(Series series) {
        XYSeries data = new XYSeries(series.label(), false, true);
        for (Series.Point p : series.points()) {
            data.add(p.number(), p.hasValue() ? Double.valueOf(p.value()) : null);
        }
        JFreeChart chart = Charts.styled(ChartFactory.createXYLineChart(
                null,
                "run #",
                series.label(),
                new XYSeriesCollection(data),
                PlotOrientation.VERTICAL,
                false,
                false,
                false));
        XYPlot plot = chart.getXYPlot();
        NumberAxis runs = (NumberAxis) plot.getDomainAxis();
        runs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setAutoRangeIncludesZero(false);
        // a flat series gets a range of 5 % of its magnitude around it, not one of rounding errors
        double magnitude = series.points().stream()
                .filter(Series.Point::hasValue)
                .mapToDouble(p -> Math.abs(p.value()))
                .max()
                .orElse(0);
        values.setAutoRangeMinimumSize(magnitude > 0 ? 0.05 * magnitude : 1);
        XYLineAndShapeRenderer renderer =
                new XYLineAndShapeRenderer(true, series.points().size() <= MARKERS_UP_TO);
        renderer.setSeriesPaint(0, Charts.COLOURS[0]);
        renderer.setSeriesStroke(0, Charts.LINE);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        plot.setRenderer(renderer);
        return Charts.png(chart, WIDTH, HEIGHT);
    }
}
