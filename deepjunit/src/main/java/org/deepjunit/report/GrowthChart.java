package org.deepjunit.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A {@link GrowthCurve} drawn as a PNG step chart with JFreeChart, headless: the inputs run across, the share of
 * units covered up (0–100 %), stretches of test inputs in blue and of generated inputs in orange.
 */
final class GrowthChart {

    static final int WIDTH = 560;

    static final int HEIGHT = 260;

    static final Color TEST = new Color(0x1f, 0x5f, 0xa8);

    static final Color GENERATED = new Color(0xe0, 0x7b, 0x00);

    static {
        ChartPng.headless();
    }

    private GrowthChart() {}

    /** One series per stretch of inputs of one kind, each starting at the previous stretch's last point. */
    static XYSeriesCollection dataset(GrowthCurve curve) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<GrowthCurve.Point> points = curve.points();
        XYSeries stretch = null;
        GrowthCurve.Point previous = points.get(0);
        for (GrowthCurve.Point p : points.subList(1, points.size())) {
            if (stretch == null || kind(stretch) != p.generated()) {
                stretch = new XYSeries((p.generated() ? "generated " : "test ") + data.getSeriesCount(), false, true);
                stretch.add(previous.inputs(), percent(previous, curve));
                data.addSeries(stretch);
            }
            stretch.add(p.inputs(), percent(p, curve));
            previous = p;
        }
        return data;
    }

    private static boolean kind(XYSeries series) {
        return series.getKey().toString().startsWith("generated");
    }

    private static double percent(GrowthCurve.Point p, GrowthCurve curve) {
        return curve.units() == 0 ? 0 : 100.0 * p.covered() / curve.units();
    }

    /** The PNG bytes of {@code curve}'s chart. */
    static byte[] png(GrowthCurve curve) {
        XYSeriesCollection data = dataset(curve);
        NumberAxis inputs = new NumberAxis("inputs run");
        inputs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        inputs.setAutoRangeIncludesZero(true);
        NumberAxis covered = new NumberAxis(curve.criterion() + " (% of " + curve.units() + ")");
        covered.setRange(0, 100);
        XYStepRenderer renderer = new XYStepRenderer();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, kind(data.getSeries(s)) ? GENERATED : TEST);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, inputs, covered, renderer);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("test inputs", null, null, null, new Rectangle(10, 10), TEST));
        legend.add(new LegendItem("generated inputs", null, null, null, new Rectangle(10, 10), GENERATED));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(
                curve.model() + ": " + curve.criterion(), JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        return ChartPng.png(ChartPng.styled(chart), WIDTH, HEIGHT);
    }
}
