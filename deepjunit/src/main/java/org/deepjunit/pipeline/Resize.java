package org.deepjunit.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deepjunit.model.Shape;

/**
 * Resizes each image to {@code height × width} as TensorFlow 2's {@code tf.image.resize} does (see
 * {@link ResizeWeights}). For a fixed input size the resize is a linear map, separable into one sparse matrix per
 * axis: the forward pass applies the row matrix then the column matrix, the vector–Jacobian product their
 * transposes in the opposite order. The matrices are computed once per input size.
 */
final class Resize extends ImageStage {

    private final int height;
    private final int width;
    private final Interpolation method;
    private final boolean antialias;
    private final Map<Integer, AxisWeights> rows = new ConcurrentHashMap<>();
    private final Map<Integer, AxisWeights> columns = new ConcurrentHashMap<>();

    Resize(int height, int width, Interpolation method, boolean antialias) {
        super("resize");
        Images.requireAtLeast(1, "height", height);
        Images.requireAtLeast(1, "width", width);
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        this.height = height;
        this.width = width;
        this.method = method;
        this.antialias = antialias;
    }

    @Override
    Shape output(Shape input) {
        requireImage(input);
        return Shape.of(input.dim(0), height, width, input.dim(3));
    }

    private AxisWeights rows(int in) {
        return rows.computeIfAbsent(in, n -> ResizeWeights.of(method, antialias, n, height));
    }

    private AxisWeights columns(int in) {
        return columns.computeIfAbsent(in, n -> ResizeWeights.of(method, antialias, n, width));
    }

    @Override
    double[] forward(double[] x, Shape in, Shape out) {
        int channels = in.dim(3);
        double[] resizedRows = rows(in.dim(1)).apply(x, in.dim(0), in.dim(2) * channels);
        return columns(in.dim(2)).apply(resizedRows, in.dim(0) * height, channels);
    }

    @Override
    double[] backward(double[] g, Shape in, Shape out) {
        int channels = in.dim(3);
        double[] rowGradient = columns(in.dim(2)).transpose(g, in.dim(0) * height, channels);
        return rows(in.dim(1)).transpose(rowGradient, in.dim(0), in.dim(2) * channels);
    }

    @Override
    public String toString() {
        return "resize(" + height + "×" + width + ", " + method + (antialias ? ", antialias" : "") + ")";
    }
}
