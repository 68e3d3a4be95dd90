package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;

/**
 * Channels-last {@code [batch, H, W, C]} to channels-first {@code [batch, C, H, W]} or back: per sample, a transpose
 * of the {@code [H·W, C]} matrix of pixels. Its vector–Jacobian product is the transpose back.
 */
final class Layout extends ImageStage {

    private final boolean toChannelsFirst;

    private Layout(String name, boolean toChannelsFirst) {
        super(name);
        this.toChannelsFirst = toChannelsFirst;
    }

    static Layout channelsFirst() {
        return new Layout("to-channels-first", true);
    }

    static Layout channelsLast() {
        return new Layout("to-channels-last", false);
    }

    @Override
    Shape output(Shape input) {
        if (toChannelsFirst) {
            requireImage(input);
            return Shape.of(input.dim(0), input.dim(3), input.dim(1), input.dim(2));
        }
        requireRank4(input, "a channels-first image [batch, C, H, W]");
        return Shape.of(input.dim(0), input.dim(2), input.dim(3), input.dim(1));
    }

    /** The per-sample {@code [rows, columns]} matrix that the forward pass transposes. */
    private int[] matrix(Shape in) {
        return toChannelsFirst
                ? new int[] {in.dim(1) * in.dim(2), in.dim(3)}
                : new int[] {in.dim(1), in.dim(2) * in.dim(3)};
    }

    @Override
    double[] forward(double[] x, Shape in, Shape out) {
        int[] m = matrix(in);
        return transpose(x, in.dim(0), m[0], m[1]);
    }

    @Override
    double[] backward(double[] g, Shape in, Shape out) {
        int[] m = matrix(in);
        return transpose(g, in.dim(0), m[1], m[0]);
    }

    private static double[] transpose(double[] data, int batch, int rows, int columns) {
        double[] out = new double[data.length];
        int per = rows * columns;
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    out[b * per + c * rows + r] = data[b * per + r * columns + c];
                }
            }
        }
        return out;
    }
}
