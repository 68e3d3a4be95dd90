package org.deepjunit.pipeline;

import java.util.Arrays;
import org.deepjunit.model.Shape;

/** Moves a window over images: what crop and pad compute, forward and backward. */
final class Windows {

    private Windows() {}

    /**
     * A batch of {@code [outHeight, outWidth, C]} images where {@code out[y][x] = in[y + dy][x + dx]} inside the
     * input and {@code fill} outside it.
     *
     * @param in the input's batch shape {@code [batch, H, W, C]}
     */
    static double[] shift(double[] x, Shape in, int outHeight, int outWidth, int dy, int dx, double fill) {
        int batch = in.dim(0);
        int height = in.dim(1);
        int width = in.dim(2);
        int channels = in.dim(3);
        double[] out = new double[batch * outHeight * outWidth * channels];
        if (fill != 0) {
            Arrays.fill(out, fill);
        }
        int xFrom = Math.max(0, -dx);
        int xTo = Math.min(outWidth, width - dx);
        if (xTo <= xFrom) {
            return out;
        }
        int run = (xTo - xFrom) * channels;
        for (int b = 0; b < batch; b++) {
            for (int y = Math.max(0, -dy); y < Math.min(outHeight, height - dy); y++) {
                int src = ((b * height + y + dy) * width + xFrom + dx) * channels;
                int dst = ((b * outHeight + y) * outWidth + xFrom) * channels;
                System.arraycopy(x, src, out, dst, run);
            }
        }
        return out;
    }
}
