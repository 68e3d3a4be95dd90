package org.deepjunit.model.tensorflow;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Tensor;

/**
 * How the tensors a test passes are turned into what the model was trained on, since a SavedModel
 * does not record its expected input scale: {@code fed = (x - mean) / std}, per channel (the last
 * input dimension) or for all values.
 *
 * <p>DeepJUnit's own tensors (MNIST helpers, generated inputs, constraints) are in [0, 1]. A model
 * trained on raw pixels 0–255 therefore needs {@code InputScale.multiplyBy(255)}; one trained with
 * ImageNet normalisation needs {@code InputScale.meanStd(new double[] {0.485, 0.456, 0.406},
 * new double[] {0.229, 0.224, 0.225})}. If your tests hold raw 0–255 images and the model expects
 * 0–1, use {@code InputScale.divideBy(255)}. The default is {@link #none()}: values are fed as given.
 *
 * <p>The scale is applied before feeding; activations are those of the scaled input, and input
 * gradients are with respect to the unscaled tensor the test passed (chain rule: ∂/∂x = ∂/∂fed ÷ std).
 */
@API(status = STABLE, since = "0.1")
public final class InputScale {

    private static final InputScale NONE = new InputScale(new double[] {0}, new double[] {1});

    private final double[] mean;
    private final double[] std;

    private InputScale(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need the same, non-zero number of channels; got "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s != 0 && Double.isFinite(s))) {
                throw new IllegalArgumentException("std must be finite and non-zero; got " + Arrays.toString(std));
            }
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("mean must be finite; got " + Arrays.toString(mean));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Values are fed as given (the default). */
    public static InputScale none() {
        return NONE;
    }

    /** {@code fed = x / divisor}: tests hold 0–255 pixels, the model expects 0–1. */
    public static InputScale divideBy(double divisor) {
        return new InputScale(new double[] {0}, new double[] {divisor});
    }

    /** {@code fed = x * factor}: tests hold 0–1 values, the model expects 0–255 ({@code multiplyBy(255)}). */
    public static InputScale multiplyBy(double factor) {
        return new InputScale(new double[] {0}, new double[] {1 / factor});
    }

    /** {@code fed = (x - mean) / std} for every value. */
    public static InputScale meanStd(double mean, double std) {
        return new InputScale(new double[] {mean}, new double[] {std});
    }

    /** {@code fed = (x - mean[c]) / std[c]} for channel {@code c}, the last input dimension. */
    public static InputScale meanStd(double[] mean, double[] std) {
        return new InputScale(Objects.requireNonNull(mean, "mean"), Objects.requireNonNull(std, "std"));
    }

    /** Whether this scale leaves values unchanged. */
    public boolean isNone() {
        return mean.length == 1 && mean[0] == 0 && std[0] == 1;
    }

    /** The number of channels this scale is given per channel for, or 1 when it is for all values. */
    public int channels() {
        return mean.length;
    }

    /** {@code (x - mean) / std}, in the tensor's own type. */
    public Tensor apply(Tensor x) {
        if (isNone()) {
            return x;
        }
        return map(x, true);
    }

    /** The gradient with respect to the unscaled input, given the gradient with respect to the fed one. */
    public Tensor chainGradient(Tensor gradient) {
        if (isNone()) {
            return gradient;
        }
        return map(gradient, false);
    }

    private Tensor map(Tensor t, boolean values) {
        int c = mean.length;
        if (c > 1 && t.shape().last() != c) {
            throw new IllegalArgumentException("This input scale has " + c + " channels but the input's last "
                    + "dimension is " + t.shape().last());
        }
        if (t.dataType() == DataType.FLOAT32) {
            float[] a = t.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                int ch = i % c;
                a[i] = (float) (values ? (a[i] - mean[ch]) / std[ch] : a[i] / std[ch]);
            }
            return Tensor.wrap(a, t.shape());
        }
        double[] a = t.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            int ch = i % c;
            a[i] = values ? (a[i] - mean[ch]) / std[ch] : a[i] / std[ch];
        }
        return Tensor.wrap(a, t.shape());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputScale s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "InputScale[none]";
        }
        return String.format(Locale.ROOT, "InputScale[(x - %s) / %s]", c(mean), c(std));
    }

    private static String c(double[] v) {
        return v.length == 1 ? String.valueOf(v[0]) : Arrays.toString(v);
    }
}
