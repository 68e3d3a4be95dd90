package org.deepjunit.pipeline;

/**
 * The per-axis weights of TensorFlow 2's {@code tf.image.resize}, computed as TensorFlow's CPU kernels compute them
 * (positions in float32, so that rounding and flooring land where TensorFlow's do):
 *
 * <ul>
 *   <li>nearest: {@code ResizeNearestNeighbor(half_pixel_centers=True)}, input index ⌊(o + ½)·in/out⌋;
 *   <li>bilinear: {@code ResizeBilinear(half_pixel_centers=True)}, position (o + ½)·in/out − ½, neighbours clamped to
 *       the image;
 *   <li>bicubic: {@code ResizeBicubic(half_pixel_centers=True)}, Keys' cubic with a = −0.5 read from TensorFlow's
 *       1024-step table, taps outside the image dropped and the rest renormalised;
 *   <li>area: {@code ResizeArea}, each output the mean of the input cells its footprint [o·in/out, (o+1)·in/out)
 *       covers, weighted by the covered fraction;
 *   <li>antialiased bilinear and bicubic: {@code ScaleAndTranslate(kernel_type="triangle"|"keyscubic",
 *       antialias=True)} with scale out/in and translation 0, whose kernel is widened by in/out when downsampling.
 * </ul>
 */
final class ResizeWeights {

    private static final int TABLE_SIZE = 1024;
    private static final float[] KEYS_TABLE = keysTable(-0.5);
    private static final float TINY = 1000.0f * Float.MIN_NORMAL;

    private ResizeWeights() {}

    static AxisWeights of(Interpolation method, boolean antialias, int in, int out) {
        switch (method) {
            case NEAREST:
                return nearest(in, out);
            case AREA:
                return area(in, out);
            case BILINEAR:
                return antialias ? scaleAndTranslate(in, out, false) : bilinear(in, out);
            case BICUBIC:
                return antialias ? scaleAndTranslate(in, out, true) : bicubic(in, out);
            default:
                throw new IllegalArgumentException("Unknown interpolation " + method);
        }
    }

    private static AxisWeights nearest(int in, int out) {
        float scale = (float) in / out;
        AxisWeights w = new AxisWeights(in, out);
        for (int o = 0; o < out; o++) {
            long source = (long) Math.floor((o + 0.5f) * scale);
            w.add(o, (int) Math.max(0, Math.min(source, in - 1)), 1);
        }
        return w.done();
    }

    private static AxisWeights bilinear(int in, int out) {
        float scale = (float) in / out;
        AxisWeights w = new AxisWeights(in, out);
        for (int o = 0; o < out; o++) {
            float position = (o + 0.5f) * scale - 0.5f;
            float below = (float) Math.floor(position);
            float lerp = position - below;
            w.add(o, (int) Math.max(below, 0), 1 - lerp);
            w.add(o, (int) Math.min((long) Math.ceil(position), in - 1), lerp);
        }
        return w.done();
    }

    private static AxisWeights bicubic(int in, int out) {
        float scale = (float) in / out;
        AxisWeights w = new AxisWeights(in, out);
        for (int o = 0; o < out; o++) {
            float position = (o + 0.5f) * scale - 0.5f;
            int base = (int) Math.floor(position);
            int offset = (int) Math.rint((position - base) * TABLE_SIZE);
            float[] taps = {
                KEYS_TABLE[offset * 2 + 1],
                KEYS_TABLE[offset * 2],
                KEYS_TABLE[(TABLE_SIZE - offset) * 2],
                KEYS_TABLE[(TABLE_SIZE - offset) * 2 + 1]
            };
            float sum = 0;
            for (int t = 0; t < 4; t++) {
                int source = base - 1 + t;
                if (source < 0 || source >= in) {
                    taps[t] = 0;
                }
                sum += taps[t];
            }
            float norm = Math.abs(sum) >= TINY ? 1.0f / sum : 1.0f;
            for (int t = 0; t < 4; t++) {
                if (taps[t] != 0) {
                    w.add(o, base - 1 + t, taps[t] * norm);
                }
            }
        }
        return w.done();
    }

    /** Keys' cubic at {@code i / 1024} (even entries) and {@code 1 + i / 1024} (odd entries), as TensorFlow tabulates it. */
    private static float[] keysTable(double a) {
        float[] table = new float[(TABLE_SIZE + 1) * 2];
        for (int i = 0; i <= TABLE_SIZE; i++) {
            float x = (float) (i * 1.0 / TABLE_SIZE);
            table[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
            x += 1.0f;
            table[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
        }
        return table;
    }

    private static AxisWeights area(int in, int out) {
        float scale = (float) in / out;
        AxisWeights w = new AxisWeights(in, out);
        for (int o = 0; o < out; o++) {
            float from = o * scale;
            float to = (o + 1) * scale;
            for (long i = (long) Math.floor(from); i < (long) Math.ceil(to); i++) {
                float covered;
                if (i < from) {
                    covered = i + 1 > to ? scale : i + 1 - from;
                } else {
                    covered = i + 1 > to ? to - i : 1.0f;
                }
                w.add(o, (int) Math.min(i, in - 1), covered / (double) scale);
            }
        }
        return w.done();
    }

    private static AxisWeights scaleAndTranslate(int in, int out, boolean cubic) {
        float scale = (float) out / in;
        float inverse = (float) (1.0 / scale);
        float kernelScale = Math.max(inverse, 1.0f);
        float reach = (cubic ? 2.0f : 1.0f) * kernelScale;
        AxisWeights w = new AxisWeights(in, out);
        for (int o = 0; o < out; o++) {
            float sample = (o + 0.5f) * inverse;
            if (sample < 0 || sample > in) {
                continue;
            }
            int start = clamp((long) Math.ceil(sample - reach - 0.5f), in);
            int end = clamp((long) Math.floor(sample + reach - 0.5f), in) + 1;
            float[] taps = new float[end - start];
            float sum = 0;
            for (int source = start; source < end; source++) {
                float distance = Math.abs((source + 0.5f - sample) / kernelScale);
                taps[source - start] = cubic ? keys(distance) : Math.max(0, 1.0f - distance);
                sum += taps[source - start];
            }
            if (Math.abs(sum) >= TINY) {
                float norm = 1.0f / sum;
                for (int source = start; source < end; source++) {
                    w.add(o, source, taps[source - start] * norm);
                }
            }
        }
        return w.done();
    }

    private static int clamp(long index, int size) {
        return (int) Math.max(0, Math.min(index, size - 1));
    }

    /** Keys' cubic convolution kernel with a = −0.5, in float32 as TensorFlow's sampling kernel evaluates it. */
    private static float keys(float x) {
        if (x >= 2.0f) {
            return 0.0f;
        }
        if (x >= 1.0f) {
            return ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f;
        }
        return ((1.5f * x - 2.5f) * x) * x + 1.0f;
    }
}
