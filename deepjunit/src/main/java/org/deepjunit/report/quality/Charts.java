package org.deepjunit.report.quality;

import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.report.ChartPng;
import org.jfree.chart.JFreeChart;

/**
 * What every chart of the quality pages shares, so that they look alike and degrade alike: the headless switch, the
 * white style, the series colours, the PNG bytes, and writing the image beside its page with an {@code <img>} of
 * its stated size and alt text, or a note instead where the machine cannot draw (no fonts, no AWT natives): the
 * tables beside each chart carry the same figures, so the page stays whole. {@link #image} is the pages' one way to
 * draw, so this class (and its headless switch) is initialised before any chart is built.
 */
final class Charts {

    /** Series colours, distinguishable also in greyscale print, in the order series are added. */
    static final Paint[] COLOURS = {
        new Color(0x1f, 0x5f, 0xa8),
        new Color(0xd9, 0x5f, 0x02),
        new Color(0x1b, 0x9e, 0x77),
        new Color(0x75, 0x70, 0xb3),
        new Color(0xe7, 0x29, 0x8a),
        new Color(0x66, 0x66, 0x66)
    };

    /** A series' line. */
    static final BasicStroke LINE = new BasicStroke(2f);

    static {
        ChartPng.headless();
    }

    private Charts() {}

    /** White chart and plot; light grid lines where the plot has them. */
    static JFreeChart styled(JFreeChart chart) {
        return ChartPng.styled(chart);
    }

    /** The chart as PNG bytes of {@code width} × {@code height} pixels. */
    static byte[] png(JFreeChart chart, int width, int height) {
        return ChartPng.png(chart, width, height);
    }

    /**
     * Draws a chart, writes it to {@code dir/file} and appends its {@code <img>}; where it cannot be drawn, appends a
     * note saying why instead.
     *
     * @param file the image's path relative to the page, e.g. {@code lenet5/accuracy.png}
     * @param css the image's class, e.g. {@code trend}
     * @param alt what the image shows, for screen readers and when it does not load
     * @return whether the image was written
     */
    static boolean image(
            Path dir,
            String file,
            Supplier<byte[]> chart,
            int width,
            int height,
            String css,
            String alt,
            StringBuilder html) {
        byte[] bytes;
        try {
            bytes = chart.get();
        } catch (RuntimeException | LinkageError | AWTError e) { // no fonts or AWT natives: the tables stay
            html.append("<p class=\"note\">The chart could not be drawn on this machine (")
                    .append(Html.esc(e.toString()))
                    .append(").</p>\n");
            return false;
        }
        AtomicFiles.write(dir.resolve(file), bytes);
        html.append("<img class=\"")
                .append(css)
                .append("\" src=\"")
                .append(Html.esc(file))
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" alt=\"")
                .append(Html.esc(alt))
                .append("\">\n");
        return true;
    }
}
