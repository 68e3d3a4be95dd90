package org.deepjunit.explain;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Evaluates a target function at many points of one input's shape — a path, noisy copies, occluded copies — in
 * batches of at most {@code batchSize}, each built only when it is computed: memory stays bounded by the batch,
 * however many points there are (Captum's {@code internal_batch_size}).
 */
final class Batches {

    private Batches() {}

    /** Writes point {@code k} (one sample, {@code size} values) into {@code into} from {@code offset}. */
    interface Points {
        void write(int k, double[] into, int offset);
    }

    /** {@code Σ_k ∇F(point k)} over {@code count} points. */
    static double[] gradientSum(TargetFunction f, Shape sampleShape, int count, int batchSize, Points points) {
        int size = sampleShape.size();
        double[] sum = new double[size];
        for (int from = 0; from < count; from += batchSize) {
            int n = Math.min(batchSize, count - from);
            Tensor gradient = f.gradient(batch(sampleShape, from, n, points));
            for (int i = 0; i < n * size; i++) {
                sum[i % size] += gradient.getDouble(i);
            }
        }
        return sum;
    }

    /** {@code F(point k)} for each of {@code count} points. */
    static double[] values(TargetFunction f, Shape sampleShape, int count, int batchSize, Points points) {
        double[] values = new double[count];
        for (int from = 0; from < count; from += batchSize) {
            int n = Math.min(batchSize, count - from);
            double[] v = f.values(batch(sampleShape, from, n, points));
            System.arraycopy(v, 0, values, from, n);
        }
        return values;
    }

    private static Tensor batch(Shape sampleShape, int from, int n, Points points) {
        int size = sampleShape.size();
        double[] data = new double[n * size];
        for (int k = 0; k < n; k++) {
            points.write(from + k, data, k * size);
        }
        return Tensor.wrap(data, sampleShape.withBatch(n));
    }

    static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The internal batch size is >= 1, got " + batchSize);
        }
        return batchSize;
    }
}
