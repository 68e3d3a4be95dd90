package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;

/**
 * Surrounds each image with a border of a constant value, as {@code tf.pad(image, [[0, 0], [top, bottom], [left,
 * right], [0, 0]], constant_values=value)} (with value 0, {@code tf.image.pad_to_bounding_box}). Its
 * vector–Jacobian product crops the border off the output gradient.
 */
final class Pad extends ImageStage {

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private final double value;

    Pad(int top, int bottom, int left, int right, double value) {
        super("pad");
        Images.requireAtLeast(0, "top", top);
        Images.requireAtLeast(0, "bottom", bottom);
        Images.requireAtLeast(0, "left", left);
        Images.requireAtLeast(0, "right", right);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("pad value must be a number, got NaN");
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
        this.value = value;
    }

    @Override
    Shape output(Shape input) {
        requireImage(input);
        return Shape.of(input.dim(0), plus(input.dim(1), top + bottom), plus(input.dim(2), left + right), input.dim(3));
    }

    @Override
    double[] forward(double[] x, Shape in, Shape out) {
        return Windows.shift(x, in, out.dim(1), out.dim(2), -top, -left, value);
    }

    @Override
    double[] backward(double[] g, Shape in, Shape out) {
        return Windows.shift(g, out, in.dim(1), in.dim(2), top, left, 0);
    }
}
