package org.deepjunit.robustness;

import java.util.concurrent.atomic.LongAdder;
import org.deepjunit.model.Tensor;

/**
 * A checked batch in flat float64: {@code n} samples of {@code d} values each, with labels, inside {@code [min,
 * max]}, and the model queries an attack makes on it: one per sample per forward pass (with its input gradient,
 * if any).
 */
record Batch(double[] x, int[] shape, int n, int d, int[] labels, double min, double max, LongAdder queries) {

    static Batch of(Tensor inputs, int[] labels, double min, double max, String what) {
        int[] shape = inputs.shape().dims();
        if (shape.length < 2 || shape[0] == 0) {
            throw new IllegalArgumentException(
                    what + " needs a non-empty batch [n, ...sample], got shape " + inputs.shape());
        }
        int n = shape[0];
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException(what + " needs one label per sample: "
                    + (labels == null ? "none" : labels.length) + " labels for " + n + " samples");
        }
        double[] x = inputs.toDoubleArray();
        int d = x.length / n;
        double slack = 1e-6 * (max - min);
        for (int j = 0; j < x.length; j++) {
            if (!(x[j] >= min - slack && x[j] <= max + slack)) {
                throw new IllegalArgumentException(what + ": input value " + x[j] + " (sample " + j / d
                        + ", element " + j % d + ") is outside the valid range [" + min + ", " + max
                        + "]; give the range the inputs are in with .range(min, max)");
            }
            x[j] = Math.min(max, Math.max(min, x[j]));
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(what + ": label " + labels[i] + " of sample " + i + " is negative");
            }
        }
        return new Batch(x, shape, n, d, labels, min, max, new LongAdder());
    }

    Tensor tensor(double[] values) {
        return Tensor.of(values, shape);
    }

    /** {@code values} as a batch of {@code count} samples of this batch's sample shape. */
    Tensor tensor(double[] values, int count) {
        int[] dims = shape.clone();
        dims[0] = count;
        return Tensor.of(values, dims);
    }
}
