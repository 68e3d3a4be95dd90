package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Images;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Draws attributions as PNG images: over their input ({@link #overlay}) or alone ({@link #heatMap}). The input is
 * drawn in grey; each pixel's attribution (summed over its channels) is laid over it in a diverging colour map,
 * red where it raises the score and blue where it lowers it, more opaque the larger it is. The colours are scaled
 * to the 99th percentile of the absolute attributions, so one extreme pixel does not wash out the rest. Images are
 * enlarged by a whole factor (nearest neighbour) to at least {@value #MIN_SIDE} pixels on their longer side.
 *
 * <pre>{@code
 * Attribution a = Explain.integratedGradients(lenet5).explain(image);
 * HeatMaps.writeOverlay(Path.of("target/explained/7.png"), image, a);    // written atomically
 * byte[] png = HeatMaps.overlay(image, a);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class HeatMaps {

    /** The shortest the longer side of a drawn image is, in pixels. */
    public static final int MIN_SIDE = 112;

    /** The percentile of |attribution| that maps to full colour. */
    static final double PERCENTILE = 0.99;

    private static final int[] RED = {220, 30, 30};
    private static final int[] BLUE = {30, 80, 230};
    private static final double MAX_ALPHA = 0.85;

    private HeatMaps() {}

    /**
     * PNG bytes of {@code attribution} over {@code input} (one image, {@code [1, h, w, c]} or {@code [h, w, c]},
     * c = 1 or 3, or {@code [h, w]}), drawn with the input's range: [0, 1] or [0, 255] when its values fit, else its
     * own minimum to maximum.
     */
    public static byte[] overlay(Tensor input, Attribution attribution) {
        return overlay(input, attribution, null);
    }

    /** The same, with the input drawn black to white over {@code range = {min, max}} (null: from the input). */
    public static byte[] overlay(Tensor input, Attribution attribution, double[] range) {
        Shape s = imageShape(input.shape(), "input");
        if (!imageShape(attribution.sampleShape(), "attribution").equals(s)) {
            throw new IllegalArgumentException(
                    "The attribution's shape " + attribution.sampleShape() + " does not match the input's " + s);
        }
        double[] r = range != null ? range : rangeOf(input);
        double[] grey = grey(input, s, r);
        return png(draw(grey, pixelMap(attribution.values(), s), s.dim(0), s.dim(1)));
    }

    /** Writes {@link #overlay(Tensor, Attribution)} to {@code png} atomically (a temporary file, then a move). */
    public static void writeOverlay(Path png, Tensor input, Attribution attribution) {
        AtomicFiles.write(png, overlay(input, attribution));
    }

    /** Writes {@link #overlay(Tensor, Attribution, double[])} to {@code png} atomically. */
    public static void writeOverlay(Path png, Tensor input, Attribution attribution, double[] range) {
        AtomicFiles.write(png, overlay(input, attribution, range));
    }

    /** PNG bytes of the attribution alone, on white: for an approved map a person reviews. */
    public static byte[] heatMap(Attribution attribution) {
        Shape s = imageShape(attribution.sampleShape(), "attribution");
        double[] white = new double[s.dim(0) * s.dim(1)];
        Arrays.fill(white, 255);
        return png(draw(white, pixelMap(attribution.values(), s), s.dim(0), s.dim(1)));
    }

    /** Writes {@link #heatMap} to {@code png} atomically. */
    public static void writeHeatMap(Path png, Attribution attribution) {
        AtomicFiles.write(png, heatMap(attribution));
    }

    /** Whether an attribution or input of this per-sample shape can be drawn. */
    public static boolean drawable(Shape sampleShape) {
        return Images.isImageShape(sampleShape);
    }

    private static Shape imageShape(Shape shape, String what) {
        Shape s = shape.rank() == 4 && shape.dim(0) == 1 ? shape.withoutBatch() : shape;
        if (!Images.isImageShape(s)) {
            throw new IllegalArgumentException("Cannot draw an " + what + " of shape " + shape
                    + " as an image: expected [h, w, 1], [h, w, 3] or [h, w] (with or without a batch of 1)");
        }
        return s.rank() == 2 ? Shape.of(s.dim(0), s.dim(1), 1) : s;
    }

    private static double[] rangeOf(Tensor input) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < input.size(); i++) {
            min = Math.min(min, input.getDouble(i));
            max = Math.max(max, input.getDouble(i));
        }
        if (min >= 0 && max <= 1) {
            return new double[] {0, 1};
        }
        if (min >= 0 && max <= 255) {
            return new double[] {0, 255};
        }
        return new double[] {min, max > min ? max : min + 1};
    }

    /** Each pixel's grey level 0–255: the mean of its channels over the range. */
    private static double[] grey(Tensor input, Shape s, double[] range) {
        int c = s.dim(2);
        double[] grey = new double[s.dim(0) * s.dim(1)];
        double span = range[1] > range[0] ? range[1] - range[0] : 1;
        for (int p = 0; p < grey.length; p++) {
            double sum = 0;
            for (int ch = 0; ch < c; ch++) {
                sum += input.getDouble(p * c + ch);
            }
            grey[p] = Math.max(0, Math.min(255, (sum / c - range[0]) / span * 255));
        }
        return grey;
    }

    /** Each pixel's attribution, summed over channels, divided by the scale: in [-1, 1] after clipping. */
    private static double[] pixelMap(Tensor values, Shape s) {
        int c = s.dim(2);
        double[] map = new double[s.dim(0) * s.dim(1)];
        for (int p = 0; p < map.length; p++) {
            for (int ch = 0; ch < c; ch++) {
                map[p] += values.getDouble(p * c + ch);
            }
        }
        double scale = scale(map);
        for (int p = 0; p < map.length; p++) {
            map[p] = scale == 0 ? 0 : Math.max(-1, Math.min(1, map[p] / scale));
        }
        return map;
    }

    /** The {@link #PERCENTILE} of |map|, or its maximum when that is 0. */
    static double scale(double[] map) {
        double[] abs = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            abs[i] = Math.abs(map[i]);
        }
        Arrays.sort(abs);
        double p = abs[Math.min(abs.length - 1, (int) Math.ceil(PERCENTILE * abs.length) - 1)];
        return p > 0 ? p : abs[abs.length - 1];
    }

    private static BufferedImage draw(double[] grey, double[] map, int h, int w) {
        int k = Math.max(1, (MIN_SIDE + Math.max(h, w) - 1) / Math.max(h, w));
        BufferedImage image = new BufferedImage(w * k, h * k, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = map[y * w + x];
                double alpha = MAX_ALPHA * Math.abs(t);
                int[] colour = t >= 0 ? RED : BLUE;
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int v = (int) Math.round((1 - alpha) * grey[y * w + x] + alpha * colour[ch]);
                    rgb = (rgb << 8) | v;
                }
                for (int dy = 0; dy < k; dy++) {
                    for (int dx = 0; dx < k; dx++) {
                        image.setRGB(x * k + dx, y * k + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
