package org.deepjunit.model.onnx;

/**
 * Moves the channel axis between ONNX's channels-first layout {@code [n, c, d1, …]} and DeepJUnit's channels-last
 * {@code [n, d1, …, c]} on flat row-major arrays.
 */
final class Channels {

    private Channels() {}

    /** {@code [n, c, d1…dk]} to {@code [n, d1…dk, c]}. */
    static float[] toLast(float[] data, long[] firstShape) {
        int[] last = lastPositions(firstShape);
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[last[i]] = data[i];
        }
        return out;
    }

    /** {@code [n, d1…dk, c]} to {@code [n, c, d1…dk]}, given the channels-first shape wanted. */
    static float[] toFirst(float[] data, long[] firstShape) {
        int[] last = lastPositions(firstShape);
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[last[i]];
        }
        return out;
    }

    static double[] toLast(double[] data, long[] firstShape) {
        int[] last = lastPositions(firstShape);
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[last[i]] = data[i];
        }
        return out;
    }

    static double[] toFirst(double[] data, long[] firstShape) {
        int[] last = lastPositions(firstShape);
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[last[i]];
        }
        return out;
    }

    /** For each element of a channels-first array, its index in the channels-last one. */
    private static int[] lastPositions(long[] firstShape) {
        int n = (int) firstShape[0];
        int c = (int) firstShape[1];
        int spatial = 1;
        for (int i = 2; i < firstShape.length; i++) {
            spatial *= (int) firstShape[i];
        }
        int[] last = new int[n * c * spatial];
        for (int b = 0, i = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int s = 0; s < spatial; s++, i++) {
                    last[i] = (b * spatial + s) * c + ch;
                }
            }
        }
        return last;
    }

    /** The channels-last form of a channels-first shape. */
    static long[] lastShape(long[] firstShape) {
        long[] last = new long[firstShape.length];
        last[0] = firstShape[0];
        System.arraycopy(firstShape, 2, last, 1, firstShape.length - 2);
        last[last.length - 1] = firstShape[1];
        return last;
    }

    /** The channels-first form of a channels-last shape. */
    static long[] firstShape(long[] lastShape) {
        long[] first = new long[lastShape.length];
        first[0] = lastShape[0];
        first[1] = lastShape[lastShape.length - 1];
        System.arraycopy(lastShape, 1, first, 2, lastShape.length - 2);
        return first;
    }
}
