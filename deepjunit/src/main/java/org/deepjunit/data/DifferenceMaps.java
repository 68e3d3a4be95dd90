package org.deepjunit.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * A picture of how an input differs from its seed, for a person to see at a glance where a generator or an attack
 * changed it: per pixel the difference {@code input − seed} (the mean over colour channels) on a diverging colour
 * map, white for 0, red for brighter, blue for darker, full colour at {@code ±scale}, the largest absolute difference.
 * The scale is returned so that the page can state it: the same shade means different amounts in different maps.
 */
final class DifferenceMaps {

    private DifferenceMaps() {}

    /** A map's PNG bytes and the difference its fullest colour stands for (0 when input and seed are equal). */
    record DifferenceMap(byte[] png, double scale) {}

    /**
     * The map of two samples of the same image shape ({@code [h, w, c]} or {@code [h, w]}, no batch), of their size.
     */
    static DifferenceMap of(Tensor input, Tensor seed) {
        Shape s = input.shape();
        int h = s.dim(0);
        int w = s.dim(1);
        int c = s.rank() == 3 ? s.dim(2) : 1;
        double[] d = new double[h * w];
        double scale = 0;
        for (int p = 0; p < d.length; p++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += input.getDouble(p * c + k) - seed.getDouble(p * c + k);
            }
            d[p] = sum / c;
            scale = Math.max(scale, Math.abs(d[p]));
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < d.length; p++) {
            image.setRGB(p % w, p / w, colour(scale == 0 ? 0 : d[p] / scale));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DifferenceMap(out.toByteArray(), scale);
    }

    /** The colour of {@code t} in [−1, 1]: blue (−1) through white (0) to red (+1). */
    static int colour(double t) {
        int fade = (int) Math.round(255 * (1 - Math.min(1, Math.abs(t))));
        return t >= 0 ? (255 << 16) | (fade << 8) | fade : (fade << 16) | (fade << 8) | 255;
    }
}
