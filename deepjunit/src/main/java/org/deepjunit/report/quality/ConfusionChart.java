package org.deepjunit.report.quality;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix as a PNG heat map (JFreeChart's block renderer): the true class down, the predicted class
 * across, each cell shaded by its share of its row, so that a class the model confuses stands out whatever the
 * classes' sizes, with the scale as a legend. Up to {@value #LABELLED} classes each cell also states its count; the
 * table below the image keeps the exact counts either way.
 */
final class ConfusionChart {

    /** Up to this many classes each cell is labelled with its count; beyond, the labels would not fit. */
    static final int LABELLED = 20;

    /** Steps of the colour scale, from white (share 0) to the first series colour (share 1). */
    private static final int SHADES = 20;

    private ConfusionChart() {}

    /** The image's width for {@code classes} classes: the cells, the axis labels and the legend. */
    static int width(int classes) {
        return Math.max(420, 230 + classes * cell(classes));
    }

    static int height(int classes) {
        return Math.max(300, 130 + classes * cell(classes));
    }

    private static int cell(int classes) {
        return classes <= LABELLED ? 40 : 14;
    }

    /**
     * The cells as JFreeChart data: one item per cell, x = the predicted class's index, y = the true class's, z = its
     * share of its row (0 for an empty cell, which is drawn white).
     */
    static DefaultXYZDataset dataset(ConfusionCells cells) {
        List<String> labels = cells.labels();
        int k = labels.size();
        double[][] xyz = new double[3][k * k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xyz[0][i] = p;
                xyz[1][i] = t;
                xyz[2][i] = cells.share(labels.get(t), labels.get(p));
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of the row", xyz);
        return data;
    }

    /** The heat map of {@code cells}, not yet drawn. */
    static JFreeChart chart(ConfusionCells cells) {
        String[] labels = cells.labels().toArray(String[]::new);
        SymbolAxis predicted = new SymbolAxis("predicted class", labels);
        SymbolAxis truth = new SymbolAxis("true class", labels);
        truth.setInverted(true); // the first class at the top, as in the table
        predicted.setGridBandsVisible(false);
        truth.setGridBandsVisible(false);
        LookupPaintScale scale = new LookupPaintScale(0, 1 + 1e-9, Color.WHITE);
        Color full = (Color) Charts.COLOURS[0];
        for (int s = 0; s <= SHADES; s++) {
            double share = (double) s / SHADES;
            scale.add(share, blend(full, share));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset(cells), predicted, truth, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        if (labels.length <= LABELLED) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            for (int t = 0; t < labels.length; t++) {
                for (int p = 0; p < labels.length; p++) {
                    XYTextAnnotation count =
                            new XYTextAnnotation(Long.toString(cells.count(labels[t], labels[p])), p, t);
                    count.setFont(font);
                    count.setPaint(cells.share(labels[t], labels[p]) > 0.55 ? Color.WHITE : Color.BLACK);
                    plot.addAnnotation(count);
                }
            }
        }
        JFreeChart chart = Charts.styled(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        NumberAxis shares = new NumberAxis("share of the true class");
        shares.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, shares);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(40, 10, 40, 10);
        legend.setStripWidth(14);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /** The PNG bytes of {@code cells}' heat map, of {@link #width} × {@link #height} pixels. */
    static byte[] png(ConfusionCells cells) {
        int k = cells.labels().size();
        return Charts.png(chart(cells), width(k), height(k));
    }

    private static Color blend(Color full, double share) {
        return new Color(
                (int) Math.round(255 + (full.getRed() - 255) * share),
                (int) Math.round(255 + (full.getGreen() - 255) * share),
                (int) Math.round(255 + (full.getBlue() - 255) * share));
    }
}
