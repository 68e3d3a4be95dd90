package org.deepjunit.report.quality;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.deepjunit.quality.history.FigureRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYBarDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A per-group fairness rate as a PNG bar chart: a bar per group, its bootstrap interval as an error bar (asymmetric,
 * so not JFreeChart's mean ± deviation renderer: an error renderer over the same data as the bars), and the overall
 * rate as a dashed line, so that a group far from the others, and whether its interval says so, is seen at once.
 */
final class FairnessChart {

    static final int HEIGHT = 300;

    /** The bars' share of their slot. */
    private static final double BAR = 0.6;

    private FairnessChart() {}

    /** The image's width: room for each group's label under its bar. */
    static int width(int groups) {
        return Math.max(420, 160 + 90 * groups);
    }

    /**
     * The bars: item i is the i-th group at x = i, its rate as y, its interval as y's bounds (the rate itself where
     * the figure has no interval: an inconclusive figure, drawn without an error bar).
     */
    static YIntervalSeriesCollection dataset(FairnessBars bars) {
        YIntervalSeries series = new YIntervalSeries(bars.metric(), false, false);
        for (int i = 0; i < bars.groups().size(); i++) {
            FigureRecord g = bars.groups().get(i);
            series.add(i, g.value(), g.hasInterval() ? g.lower() : g.value(), g.hasInterval() ? g.upper() : g.value());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        return data;
    }

    /** The chart of {@code bars}, not yet drawn. */
    static JFreeChart chart(FairnessBars bars) {
        YIntervalSeriesCollection data = dataset(bars);
        SymbolAxis groups = new SymbolAxis(
                bars.attributes(),
                bars.groups().stream().map(FigureRecord::slice).toArray(String[]::new));
        groups.setGridBandsVisible(false);
        groups.setRange(-0.5, bars.groups().size() - 0.5);
        NumberAxis rates = new NumberAxis(bars.metric());
        double top = 1; // rates lie in [0, 1]; a figure of another kind may reach beyond
        for (int i = 0; i < data.getItemCount(0); i++) {
            top = Math.max(top, data.getEndYValue(0, i));
        }
        rates.setRange(0, 1.05 * top);
        XYErrorRenderer errors = new XYErrorRenderer();
        errors.setDrawXError(false);
        errors.setDefaultLinesVisible(false);
        errors.setDefaultShapesVisible(false);
        errors.setErrorPaint(Color.BLACK);
        errors.setErrorStroke(new BasicStroke(1.5f));
        errors.setCapLength(10);
        XYPlot plot = new XYPlot(data, groups, rates, errors);
        XYBarRenderer filled = new XYBarRenderer();
        filled.setBarPainter(new StandardXYBarPainter());
        filled.setShadowVisible(false);
        filled.setSeriesPaint(0, Charts.COLOURS[0]);
        plot.setDataset(1, new XYBarDataset(data, BAR));
        plot.setRenderer(1, filled);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // the error bars over the bars
        if (!Double.isNaN(bars.overall())) {
            ValueMarker overall = new ValueMarker(bars.overall());
            overall.setPaint(Charts.COLOURS[1]);
            overall.setStroke(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            overall.setLabel("overall " + Html.value(bars.overall()));
            overall.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            overall.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            overall.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(overall);
        }
        JFreeChart chart =
                Charts.styled(new JFreeChart(bars.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false));
        plot.setDomainGridlinesVisible(false);
        return chart;
    }

    /** The PNG bytes of {@code bars}' chart, {@link #width} × {@value #HEIGHT} pixels. */
    static byte[] png(FairnessBars bars) {
        return Charts.png(chart(bars), width(bars.groups().size()), HEIGHT);
    }
}
