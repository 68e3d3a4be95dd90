package org.deepjunit.robustness;

/** The corruptions that move pixels: Gaussian blur, rotation and translation of channels-last images. */
final class ImageWarps {

    private ImageWarps() {}

    static double[] apply(Corruption.Type type, double level, Batch batch) {
        int[] s = batch.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(type + " needs images [n, height, width, channels]; got inputs of shape "
                    + java.util.Arrays.toString(s));
        }
        double[] out = new double[batch.x().length];
        for (int i = 0; i < batch.n(); i++) {
            double[] image = new double[batch.d()];
            System.arraycopy(batch.x(), i * batch.d(), image, 0, batch.d());
            double[] warped = switch (type) {
                case GAUSSIAN_BLUR -> blur(image, s[1], s[2], s[3], level);
                case ROTATION -> rotate(image, s[1], s[2], s[3], level, batch.min());
                case TRANSLATION ->
                    translate(
                            image,
                            s[1],
                            s[2],
                            s[3],
                            (int) Math.round(level * s[1]),
                            (int) Math.round(level * s[2]),
                            batch.min());
                default -> throw new IllegalArgumentException(type + " moves no pixels");
            };
            System.arraycopy(warped, 0, out, i * batch.d(), batch.d());
        }
        return out;
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} pixels, radius ⌈3σ⌉, edges repeated. */
    static double[] blur(double[] image, int h, int w, int c, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        double[] rows = new double[image.length];
        double[] out = new double[image.length];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int cc = Math.min(w - 1, Math.max(0, col + k));
                        v += kernel[k + radius] * image[(r * w + cc) * c + ch];
                    }
                    rows[(r * w + col) * c + ch] = v;
                }
            }
        }
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int rr = Math.min(h - 1, Math.max(0, r + k));
                        v += kernel[k + radius] * rows[(rr * w + col) * c + ch];
                    }
                    out[(r * w + col) * c + ch] = v;
                }
            }
        }
        return out;
    }

    /**
     * The image turned {@code degrees} anticlockwise (as seen, rows running down) about its centre: each output
     * pixel samples the input bilinearly at the point that turns onto it; points outside read {@code fill}.
     */
    static double[] rotate(double[] image, int h, int w, int c, double degrees, double fill) {
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        double[] out = new double[image.length];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                double x = col - cx;
                double up = cy - r;
                // turn the output point back by −θ to find where it came from
                double sx = x * cos + up * sin;
                double sUp = -x * sin + up * cos;
                double sr = cy - sUp;
                double sc = cx + sx;
                for (int ch = 0; ch < c; ch++) {
                    out[(r * w + col) * c + ch] = bilinear(image, h, w, c, ch, sr, sc, fill);
                }
            }
        }
        return out;
    }

    private static double bilinear(double[] image, int h, int w, int c, int ch, double r, double col, double fill) {
        int r0 = (int) Math.floor(r);
        int c0 = (int) Math.floor(col);
        double fr = r - r0;
        double fc = col - c0;
        // snap values within rounding error of a grid point, so that exact turns (90°) copy pixels exactly
        if (Math.abs(fr) < 1e-9 || Math.abs(fr - 1) < 1e-9) {
            r0 = (int) Math.round(r);
            fr = 0;
        }
        if (Math.abs(fc) < 1e-9 || Math.abs(fc - 1) < 1e-9) {
            c0 = (int) Math.round(col);
            fc = 0;
        }
        return (1 - fr) * (1 - fc) * pixel(image, h, w, c, ch, r0, c0, fill)
                + (1 - fr) * fc * pixel(image, h, w, c, ch, r0, c0 + 1, fill)
                + fr * (1 - fc) * pixel(image, h, w, c, ch, r0 + 1, c0, fill)
                + fr * fc * pixel(image, h, w, c, ch, r0 + 1, c0 + 1, fill);
    }

    private static double pixel(double[] image, int h, int w, int c, int ch, int r, int col, double fill) {
        return r < 0 || r >= h || col < 0 || col >= w ? fill : image[(r * w + col) * c + ch];
    }

    /** The image moved {@code dy} pixels down and {@code dx} right; the uncovered border reads {@code fill}. */
    static double[] translate(double[] image, int h, int w, int c, int dy, int dx, double fill) {
        double[] out = new double[image.length];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(r * w + col) * c + ch] = pixel(image, h, w, c, ch, r - dy, col - dx, fill);
                }
            }
        }
        return out;
    }
}
