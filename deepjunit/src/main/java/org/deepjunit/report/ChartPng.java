package org.deepjunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apiguardian.api.API;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

/**
 * What every JFreeChart picture of the report shares: AWT switched to headless before it starts (no display is
 * needed, or asked for), the white style and the PNG bytes.
 */
@API(status = INTERNAL, since = "0.6")
public final class ChartPng {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartPng() {}

    /**
     * Does nothing but initialise this class, whose first act is the headless switch: call it before building a
     * chart, whose fonts would start AWT.
     */
    public static void headless() {}

    /** White chart and plot; light grid lines where the plot has them. */
    public static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    /** The chart as PNG bytes of {@code width} × {@code height} pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
