package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Occlusion (Zeiler and Fergus 2014): slides a patch over the input, replaces it with a baseline value, and
 * attributes the drop of the target score, {@code F(x) − F(x with the patch occluded)}, to the patch's elements;
 * an element covered by several patches gets the mean of their drops, as Captum does. It needs only
 * {@link Model#predict}, so it explains any model or pipeline, with or without gradients.
 *
 * <pre>{@code
 * Attribution a = Explain.occlusion(pipeline)
 *         .patch(4, 4)            // rows x columns; 4x4 by default; every channel of a pixel together
 *         .stride(2, 2)           // 2x2 by default
 *         .baselineValue(0)       // what the patch shows instead (0 by default)
 *         .explain(image);
 * }</pre>
 *
 * <p>Inputs are images {@code [h, w, c]} or {@code [h, w]}, or vectors {@code [f]}, for which only the patch's and
 * stride's widths count. Patches start at every stride, plus one flush with the far edge where the stride does not
 * reach it, so every element is covered. The occluded copies are predicted {@code internalBatchSize} at a time
 * (default 64).
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Occlusion extends BaseExplainer {

    private int patchHeight = 4;
    private int patchWidth = 4;
    private int strideHeight = 2;
    private int strideWidth = 2;
    private double baselineValue;
    private int internalBatchSize = 64;

    Occlusion(Model model) {
        super(model);
    }

    /** Explains class {@code c} rather than the predicted class. */
    public Occlusion target(int c) {
        setTarget(c);
        return this;
    }

    /** The score explained; {@link Score#AUTO} by default. */
    public Occlusion score(Score score) {
        setScore(score);
        return this;
    }

    /** The patch: {@code height} rows by {@code width} columns (4x4 by default). */
    public Occlusion patch(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("A patch is at least 1x1, got " + height + "x" + width);
        }
        this.patchHeight = height;
        this.patchWidth = width;
        return this;
    }

    /** How far the patch moves: {@code height} rows, {@code width} columns (2x2 by default). */
    public Occlusion stride(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("A stride is at least 1x1, got " + height + "x" + width);
        }
        this.strideHeight = height;
        this.strideWidth = width;
        return this;
    }

    /** The value an occluded element takes (0 by default). */
    public Occlusion baselineValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The baseline value must be finite, got " + value);
        }
        this.baselineValue = value;
        return this;
    }

    /** How many occluded copies one prediction computes (default 64). */
    public Occlusion internalBatchSize(int size) {
        this.internalBatchSize = Batches.checkBatchSize(size);
        return this;
    }

    @Override
    public String method() {
        return "occlusion";
    }

    @Override
    Attribution compute(Tensor x, TargetFunction f, double fx) {
        Shape sample = x.shape().withoutBatch();
        int[] hwc = hwc(sample);
        int h = hwc[0];
        int w = hwc[1];
        int c = hwc[2];
        int ph = sample.rank() == 1 ? 1 : patchHeight;
        if (ph > h || patchWidth > w) {
            throw new IllegalArgumentException("Patch " + patchHeight + "x" + patchWidth + " is larger than the input "
                    + sample + " of model '" + model.name() + "'");
        }
        List<Integer> tops = starts(h, ph, sample.rank() == 1 ? 1 : strideHeight);
        List<Integer> lefts = starts(w, patchWidth, strideWidth);
        int windows = tops.size() * lefts.size();
        double[] v = x.toDoubleArray();
        double[] occludedValues = Batches.values(f, sample, windows, internalBatchSize, (k, into, off) -> {
            System.arraycopy(v, 0, into, off, v.length);
            int top = tops.get(k / lefts.size());
            int left = lefts.get(k % lefts.size());
            for (int y = top; y < top + ph; y++) {
                for (int xx = left; xx < left + patchWidth; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        into[off + (y * w + xx) * c + ch] = baselineValue;
                    }
                }
            }
        });
        double[] sum = new double[v.length];
        int[] count = new int[v.length];
        for (int k = 0; k < windows; k++) {
            double drop = fx - occludedValues[k];
            int top = tops.get(k / lefts.size());
            int left = lefts.get(k % lefts.size());
            for (int y = top; y < top + ph; y++) {
                for (int xx = left; xx < left + patchWidth; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        sum[(y * w + xx) * c + ch] += drop;
                        count[(y * w + xx) * c + ch]++;
                    }
                }
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count[i];
        }
        return new Attribution(
                method(), model.name(), f.targetClass(), f.score(), Tensor.wrap(sum, x.shape()), fx, Double.NaN);
    }

    /** A sample shape as {@code {h, w, c}}: images as they are, {@code [h, w]} with one channel, {@code [f]} as 1 row. */
    private int[] hwc(Shape s) {
        return switch (s.rank()) {
            case 1 -> new int[] {1, s.dim(0), 1};
            case 2 -> new int[] {s.dim(0), s.dim(1), 1};
            case 3 -> new int[] {s.dim(0), s.dim(1), s.dim(2)};
            default ->
                throw new IllegalArgumentException("Occlusion takes images [h, w, c] or [h, w] and vectors"
                        + " [f], but model '" + model.name() + "' takes " + s);
        };
    }

    /** Window starts {@code 0, s, 2s, ...} that fit, and one flush with the edge when the last does not reach it. */
    private static List<Integer> starts(int size, int patch, int stride) {
        List<Integer> starts = new ArrayList<>();
        for (int p = 0; p + patch <= size; p += stride) {
            starts.add(p);
        }
        if (starts.get(starts.size() - 1) + patch < size) {
            starts.add(size - patch);
        }
        return starts;
    }
}
