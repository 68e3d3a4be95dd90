package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * A common corruption at a severity from 1 to 5, after Hendrycks and Dietterich's ImageNet-C, with constants for
 * small images. With {@code R = max − min} the width of the valid range:
 * <ul>
 *   <li>{@link Type#GAUSSIAN_NOISE}: {@code + N(0, σ²)}, {@code σ = R·(0.08, 0.12, 0.18, 0.26, 0.38)} (ImageNet-C's);</li>
 *   <li>{@link Type#GAUSSIAN_BLUR}: a Gaussian kernel of {@code σ = (0.5, 0.75, 1, 1.5, 2)} pixels, edges
 *       repeated;</li>
 *   <li>{@link Type#BRIGHTNESS}: {@code + R·(0.1, 0.2, 0.3, 0.4, 0.5)} (ImageNet-C's);</li>
 *   <li>{@link Type#CONTRAST}: {@code (x − mean)·c + mean}, {@code c = (0.4, 0.3, 0.2, 0.1, 0.05)} (ImageNet-C's),
 *       the mean over each image;</li>
 *   <li>{@link Type#ROTATION}: {@code (5, 10, 15, 20, 30)} degrees anticlockwise about the centre, bilinear;</li>
 *   <li>{@link Type#TRANSLATION}: {@code (4, 8, 12, 16, 20)} % of the height and width down and right, whole
 *       pixels.</li>
 * </ul>
 * Every result is clipped to the valid range; pixels moved in from outside the image take the range's minimum
 * (a black background, as in MNIST). Blur, rotation and translation need images {@code [n, height, width,
 * channels]}; noise, brightness and contrast take any shape. Noise is drawn from the seed (default 0).
 *
 * <pre>{@code
 * for (Corruption c : Corruption.all(3)) {
 *     Tensor corrupted = c.apply(model, images, labels);
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Corruption implements Perturbation {

    /** The kinds of corruption. */
    public enum Type {
        GAUSSIAN_NOISE(0.08, 0.12, 0.18, 0.26, 0.38),
        GAUSSIAN_BLUR(0.5, 0.75, 1, 1.5, 2),
        BRIGHTNESS(0.1, 0.2, 0.3, 0.4, 0.5),
        CONTRAST(0.4, 0.3, 0.2, 0.1, 0.05),
        ROTATION(5, 10, 15, 20, 30),
        TRANSLATION(0.04, 0.08, 0.12, 0.16, 0.2);

        private final double[] levels;

        Type(double... levels) {
            this.levels = levels;
        }

        /** The constant at {@code severity} (1 to 5), in the units the class comment gives. */
        public double level(int severity) {
            return levels[severity - 1];
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Type type;
    private final int severity;
    private final double min;
    private final double max;
    private final long seed;

    private Corruption(Type type, int severity, double min, double max, long seed) {
        this.type = Objects.requireNonNull(type, "type");
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("A corruption's severity is 1 to 5, got " + severity);
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || min >= max) {
            throw new IllegalArgumentException(
                    "A corruption's valid range needs finite min < max, got [" + min + ", " + max + "]");
        }
        this.severity = severity;
        this.min = min;
        this.max = max;
        this.seed = seed;
    }

    /** {@code type} at {@code severity}, for inputs in {@code [0, 1]}. */
    public static Corruption of(Type type, int severity) {
        return new Corruption(type, severity, 0, 1, 0);
    }

    /** Every type at {@code severity}, in the order of {@link Type}. */
    public static List<Corruption> all(int severity) {
        List<Corruption> all = new ArrayList<>();
        for (Type t : Type.values()) {
            all.add(of(t, severity));
        }
        return all;
    }

    /** This corruption for inputs valued in {@code [min, max]}. */
    public Corruption range(double min, double max) {
        return new Corruption(type, severity, min, max, seed);
    }

    /** This corruption drawing its noise from {@code seed}. */
    public Corruption seed(long seed) {
        return new Corruption(type, severity, min, max, seed);
    }

    public Type type() {
        return type;
    }

    public int severity() {
        return severity;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public Tensor apply(Model model, Tensor inputs, int[] labels) {
        Batch batch = Batch.of(inputs, labels == null ? new int[inputs.shape().dim(0)] : labels, min, max, name());
        double[] out = batch.x().clone();
        double level = type.level(severity);
        double width = max - min;
        switch (type) {
            case GAUSSIAN_NOISE -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int j = 0; j < out.length; j++) {
                    out[j] += random.nextGaussian() * level * width;
                }
            }
            case BRIGHTNESS -> {
                for (int j = 0; j < out.length; j++) {
                    out[j] += level * width;
                }
            }
            case CONTRAST -> {
                for (int i = 0; i < batch.n(); i++) {
                    double mean = 0;
                    for (int j = i * batch.d(); j < (i + 1) * batch.d(); j++) {
                        mean += out[j] / batch.d();
                    }
                    for (int j = i * batch.d(); j < (i + 1) * batch.d(); j++) {
                        out[j] = (out[j] - mean) * level + mean;
                    }
                }
            }
            default -> out = ImageWarps.apply(type, level, batch);
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.min(max, Math.max(min, out[j]));
        }
        return Tensor.wrap(out, inputs.shape());
    }

    @Override
    public String name() {
        return type + " " + severity + (type == Type.GAUSSIAN_NOISE ? " (seed=" + seed + ")" : "")
                + (min == 0 && max == 1 ? "" : " range=[" + min + ", " + max + "]");
    }

    @Override
    public String toString() {
        return name();
    }
}
