package org.deepjunit.pipeline;

import java.util.function.IntFunction;
import org.deepjunit.model.Shape;

/**
 * A per-pixel linear map of the channels, {@code out[o] = Σc m[o][c]·in[c]}, whose matrix depends on the input's
 * channel count: grayscale, gray → RGB, RGB ↔ BGR. Its vector–Jacobian product applies the transposed matrix.
 */
final class ChannelMap extends ImageStage {

    /** {@code tf.image.rgb_to_grayscale}'s weights (ITU-R BT.601 luma, as TensorFlow rounds them). */
    static final double[] GRAY_WEIGHTS = {0.2989, 0.5870, 0.1140};

    private final IntFunction<double[][]> matrices;
    private final int fixedChannels;
    private final String expectation;

    /**
     * @param matrices      the matrix ({@code [out][in]}) for an input channel count, or null when that count
     *                      does not fit
     * @param fixedChannels the output channel count whatever the input's, or {@link Shape#UNKNOWN} when it follows
     *                      the input's
     * @param expectation   what fits, for messages
     */
    private ChannelMap(String name, IntFunction<double[][]> matrices, int fixedChannels, String expectation) {
        super(name);
        this.matrices = matrices;
        this.fixedChannels = fixedChannels;
        this.expectation = expectation;
    }

    static ChannelMap grayscale() {
        return new ChannelMap(
                "grayscale",
                c -> c == 3 ? new double[][] {GRAY_WEIGHTS} : c == 1 ? identity(1) : null,
                1,
                "an RGB or gray image [batch, H, W, 3 or 1]");
    }

    static ChannelMap rgb() {
        return new ChannelMap(
                "rgb",
                c -> c == 1 ? new double[][] {{1}, {1}, {1}} : c == 3 ? identity(3) : null,
                3,
                "a gray or RGB image [batch, H, W, 1 or 3]");
    }

    static ChannelMap bgr() {
        return new ChannelMap(
                "bgr",
                c -> c == 3 ? new double[][] {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}} : c == 1 ? identity(1) : null,
                Shape.UNKNOWN,
                "an RGB (or gray) image [batch, H, W, 3 or 1]");
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    @Override
    Shape output(Shape input) {
        if (input.rank() != 4) {
            throw mismatch(expectation, input);
        }
        int c = input.dim(3);
        int outChannels;
        if (c == Shape.UNKNOWN) {
            outChannels = fixedChannels;
        } else {
            double[][] m = matrices.apply(c);
            if (m == null) {
                throw mismatch(expectation, input);
            }
            outChannels = m.length;
        }
        return Shape.of(input.dim(0), input.dim(1), input.dim(2), outChannels);
    }

    @Override
    double[] forward(double[] x, Shape in, Shape out) {
        return map(x, matrices.apply(in.dim(3)), false);
    }

    @Override
    double[] backward(double[] g, Shape in, Shape out) {
        return map(g, matrices.apply(in.dim(3)), true);
    }

    /** Applies {@code m} (or its transpose) to every pixel of {@code data}. */
    private static double[] map(double[] data, double[][] m, boolean transposed) {
        int rows = transposed ? m[0].length : m.length;
        int cols = transposed ? m.length : m[0].length;
        int pixels = data.length / cols;
        double[] result = new double[pixels * rows];
        for (int p = 0; p < pixels; p++) {
            for (int o = 0; o < rows; o++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += (transposed ? m[c][o] : m[o][c]) * data[p * cols + c];
                }
                result[p * rows + o] = sum;
            }
        }
        return result;
    }
}
