package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;

/**
 * DeepTest's metamorphic image transformations (Tian et al., ICSE 2018), each with one parameter
 * drawn from a range. Pixel-value transformations change values; affine ones move pixels (inverse
 * mapping about the image centre, bilinear interpolation, the uncovered area filled with a fill value,
 * the valid minimum unless given). {@link #NOISE} is DeepHunter's. Every result is clipped to the valid range.
 */
@API(status = STABLE, since = "0.1")
public enum Transformation {
    /** Adds {@code p · (max − min)}; default range [−0.3, 0.3]. */
    BRIGHTNESS(-0.3, 0.3, false),
    /** Scales values about {@code min} by {@code p}; default range [0.6, 1.6]. */
    CONTRAST(0.6, 1.6, false),
    /** Moves by {@code p · width} right and {@code p · height} down (one draw each); default range [−0.15, 0.15]. */
    TRANSLATION(-0.15, 0.15, true),
    /** Zooms by {@code p} about the centre; default range [0.8, 1.2]. */
    SCALE(0.8, 1.2, true),
    /** Horizontal shear by {@code p}; default range [−0.3, 0.3]. */
    SHEAR(-0.3, 0.3, true),
    /** Rotates by {@code p} degrees; default range [−20, 20]. */
    ROTATION(-20, 20, true),
    /** Box blur of radius {@code round(p)} pixels; default range [1, 2]. */
    BLUR(1, 2, false),
    /**
     * Adds Gaussian noise of standard deviation {@code p · (max − min)} to every value, drawn from a generator
     * seeded with {@code p}'s bits, so that the parameter alone repeats it; default range [0.01, 0.05].
     */
    NOISE(0.01, 0.05, false);

    private final double low;
    private final double high;
    private final boolean affine;

    Transformation(double low, double high, boolean affine) {
        this.low = low;
        this.high = high;
        this.affine = affine;
    }

    public double defaultLow() {
        return low;
    }

    public double defaultHigh() {
        return high;
    }

    /** Whether it moves pixels (DeepHunter applies at most one affine transformation per seed lineage). */
    public boolean affine() {
        return affine;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Applies the transformation with parameter {@code p} (and {@code q} for the second axis of a
     * translation) to one image {@code [h, w, c]} with values in {@code [min, max]}, filling what an
     * affine transformation uncovers with {@code min}.
     */
    public float[] apply(float[] image, Shape shape, double p, double q, double min, double max) {
        return apply(image, shape, p, q, min, max, min);
    }

    /**
     * As {@link #apply(float[], Shape, double, double, double, double)}, filling what an affine
     * transformation uncovers with {@code fill} (e.g. {@code max} for dark ink on white paper).
     */
    public float[] apply(float[] image, Shape shape, double p, double q, double min, double max, double fill) {
        int h = shape.dim(0);
        int w = shape.dim(1);
        int c = shape.rank() == 3 ? shape.dim(2) : 1;
        float[] out = new float[image.length];
        switch (this) {
            case BRIGHTNESS -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (image[i] + p * (max - min));
                }
            }
            case CONTRAST -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (min + (image[i] - min) * p);
                }
            }
            case NOISE -> {
                Random noise = new Random(Double.doubleToLongBits(p));
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (image[i] + noise.nextGaussian() * p * (max - min));
                }
            }
            case BLUR -> {
                int r = (int) Math.round(p);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int k = 0; k < c; k++) {
                            double sum = 0;
                            int n = 0;
                            for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                                for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                                    sum += image[(yy * w + xx) * c + k];
                                    n++;
                                }
                            }
                            out[(y * w + x) * c + k] = (float) (sum / n);
                        }
                    }
                }
            }
            default -> {
                // inverse map: output (x, y) samples input at A^-1 (x - cx, y - cy) + (cx, cy) - t
                double a11 = 1;
                double a12 = 0;
                double a21 = 0;
                double a22 = 1;
                double tx = 0;
                double ty = 0;
                switch (this) {
                    case TRANSLATION -> {
                        tx = p * w;
                        ty = q * h;
                    }
                    case SCALE -> {
                        a11 = 1 / p;
                        a22 = 1 / p;
                    }
                    case SHEAR -> a12 = -p;
                    case ROTATION -> {
                        double rad = Math.toRadians(p);
                        a11 = Math.cos(rad);
                        a12 = Math.sin(rad);
                        a21 = -Math.sin(rad);
                        a22 = Math.cos(rad);
                    }
                    default -> throw new IllegalStateException();
                }
                double cx = (w - 1) / 2.0;
                double cy = (h - 1) / 2.0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double dx = x - tx - cx;
                        double dy = y - ty - cy;
                        double sx = a11 * dx + a12 * dy + cx;
                        double sy = a21 * dx + a22 * dy + cy;
                        for (int k = 0; k < c; k++) {
                            out[(y * w + x) * c + k] = (float) bilinear(image, h, w, c, k, sx, sy, fill);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.min(max, Math.max(min, out[i]));
        }
        return out;
    }

    private static double bilinear(float[] img, int h, int w, int c, int k, double x, double y, double fill) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v00 = at(img, h, w, c, k, x0, y0, fill);
        double v01 = at(img, h, w, c, k, x0 + 1, y0, fill);
        double v10 = at(img, h, w, c, k, x0, y0 + 1, fill);
        double v11 = at(img, h, w, c, k, x0 + 1, y0 + 1, fill);
        return (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
    }

    private static double at(float[] img, int h, int w, int c, int k, int x, int y, double fill) {
        return x < 0 || y < 0 || x >= w || y >= h ? fill : img[(y * w + x) * c + k];
    }
}
