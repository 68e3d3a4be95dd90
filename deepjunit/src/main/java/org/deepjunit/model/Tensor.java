package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An immutable dense array of numbers, row-major, used for every input and output that crosses
 * the framework-neutral model interface.
 *
 * <p>The first dimension is the batch. Image tensors are channels-last
 * {@code [batch, height, width, channels]}, whatever the framework's own layout.
 *
 * <pre>{@code
 * Tensor batch = Tensor.of(pixels, 64, 28, 28, 1);  // float[] pixels, 64 images
 * Tensor first = batch.sample(0);                   // [1, 28, 28, 1]
 * float p = batch.getFloat(0, 14, 14, 0);
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Tensor {

    /** Elements checked per vectorised pass of {@link #firstNonFinite()}. */
    private static final int CHECK_BLOCK = 4096;

    private final Shape shape;
    private final float[] floats;
    private final double[] doubles;

    private Tensor(Shape shape, float[] floats, double[] doubles) {
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
        int length = floats != null ? floats.length : doubles.length;
        if (!shape.isFullyKnown() || shape.size() != length) {
            throw new IllegalArgumentException(
                    "Tensor of shape " + shape + " needs " + shape.size() + " values, got " + length);
        }
    }

    /** Wraps a copy of {@code data} as a {@link DataType#FLOAT32} tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(Shape.of(shape), data.clone(), null);
    }

    /** Wraps a copy of {@code data} as a {@link DataType#FLOAT64} tensor of the given shape. */
    public static Tensor of(double[] data, int... shape) {
        return new Tensor(Shape.of(shape), null, data.clone());
    }

    /** Takes ownership of {@code data} without copying: the caller must not modify it afterwards. */
    public static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(shape, Objects.requireNonNull(data), null);
    }

    /** Takes ownership of {@code data} without copying: the caller must not modify it afterwards. */
    public static Tensor wrap(double[] data, Shape shape) {
        return new Tensor(shape, null, Objects.requireNonNull(data));
    }

    /** A tensor of zeros. */
    public static Tensor zeros(DataType type, Shape shape) {
        return type == DataType.FLOAT32
                ? new Tensor(shape, new float[shape.size()], null)
                : new Tensor(shape, null, new double[shape.size()]);
    }

    /** Stacks samples of equal shape, each {@code [1, ...]} or {@code [n, ...]}, along the batch axis. */
    public static Tensor concat(Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("Nothing to concatenate");
        }
        Shape sampleShape = parts[0].shape.withoutBatch();
        int batch = 0;
        for (Tensor part : parts) {
            if (!part.shape.withoutBatch().equals(sampleShape) || part.dataType() != parts[0].dataType()) {
                throw new IllegalArgumentException("Cannot concatenate " + part.shape + " " + part.dataType() + " with "
                        + parts[0].shape + " " + parts[0].dataType());
            }
            batch += part.shape.dim(0);
        }
        Shape result = sampleShape.withBatch(batch);
        int offset = 0;
        if (parts[0].dataType() == DataType.FLOAT32) {
            float[] data = new float[result.size()];
            for (Tensor part : parts) {
                System.arraycopy(part.floats, 0, data, offset, part.floats.length);
                offset += part.floats.length;
            }
            return new Tensor(result, data, null);
        }
        double[] data = new double[result.size()];
        for (Tensor part : parts) {
            System.arraycopy(part.doubles, 0, data, offset, part.doubles.length);
            offset += part.doubles.length;
        }
        return new Tensor(result, null, data);
    }

    public Shape shape() {
        return shape;
    }

    public DataType dataType() {
        return floats != null ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    /** The size of the first dimension. */
    public int batchSize() {
        return shape.dim(0);
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /** Element at a flat row-major index. */
    public double getDouble(int flatIndex) {
        return floats != null ? floats[flatIndex] : doubles[flatIndex];
    }

    /** Element at a multi-dimensional index. */
    public double getDouble(int... index) {
        return getDouble(flatIndex(index));
    }

    /** Element at a multi-dimensional index, as a float. */
    public float getFloat(int... index) {
        return (float) getDouble(flatIndex(index));
    }

    /** Returns a copy of the elements as floats. */
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
        }
        float[] result = new float[doubles.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) doubles[i];
        }
        return result;
    }

    /** Returns a copy of the elements as doubles. */
    public double[] toDoubleArray() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] result = new double[floats.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = floats[i];
        }
        return result;
    }

    /** Returns this tensor in the given type, itself if it already is. */
    public Tensor as(DataType type) {
        if (type == dataType()) {
            return this;
        }
        return type == DataType.FLOAT32
                ? new Tensor(shape, toFloatArray(), null)
                : new Tensor(shape, null, toDoubleArray());
    }

    /** Returns the same elements under another shape of equal size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(Shape.of(newShape), floats, doubles);
    }

    /** Returns sample {@code i} of the batch, keeping a batch dimension of 1. */
    public Tensor sample(int i) {
        return samples(i, i + 1);
    }

    /** Returns samples {@code [from, to)} of the batch. */
    public Tensor samples(int from, int to) {
        int n = shape.dim(0);
        if (from < 0 || to > n || from >= to) {
            throw new IndexOutOfBoundsException("Samples [" + from + ", " + to + ") of a batch of " + n);
        }
        Shape sampleShape = shape.withoutBatch();
        int stride = sampleShape.size();
        Shape result = sampleShape.withBatch(to - from);
        return floats != null
                ? new Tensor(result, Arrays.copyOfRange(floats, from * stride, to * stride), null)
                : new Tensor(result, null, Arrays.copyOfRange(doubles, from * stride, to * stride));
    }

    /** Index of the largest element of each sample: the predicted class of a classifier's output. */
    public int[] argMax() {
        int n = shape.dim(0);
        int stride = size() / n;
        int[] result = new int[n];
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int j = 1; j < stride; j++) {
                if (getDouble(s * stride + j) > getDouble(s * stride + best)) {
                    best = j;
                }
            }
            result[s] = best;
        }
        return result;
    }

    /** Largest absolute element-wise difference to {@code other}, which must have the same shape. */
    public double maxAbsDifference(Tensor other) {
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException("Shapes differ: " + shape + " vs " + other.shape);
        }
        double max = 0;
        for (int i = 0; i < size(); i++) {
            double d = Math.abs(getDouble(i) - other.getDouble(i));
            if (!(d <= max)) {
                max = d; // NaN propagates, so a NaN difference is never hidden
            }
        }
        return max;
    }

    /** Flat index of the first NaN or infinite element, or -1 if every element is finite. */
    public int firstNonFinite() {
        // every input of every prediction is checked: blocks of branch-free OR reductions that the JIT vectorises,
        // and an element-wise search only inside a block that holds a non-finite value
        int n = size();
        for (int from = 0; from < n; from += CHECK_BLOCK) {
            int to = Math.min(n, from + CHECK_BLOCK);
            if (floats != null ? nonFiniteIn(floats, from, to) : nonFiniteIn(doubles, from, to)) {
                for (int i = from; i < to; i++) {
                    if (!Double.isFinite(getDouble(i))) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Whether an element is NaN or infinite: its exponent bits are all ones, the one exponent to which adding the
     * exponent's lowest bit carries into the sign bit.
     */
    private static boolean nonFiniteIn(float[] a, int from, int to) {
        int carry = 0;
        for (int i = from; i < to; i++) {
            carry |= (Float.floatToRawIntBits(a[i]) & 0x7f800000) + 0x00800000;
        }
        return carry < 0;
    }

    private static boolean nonFiniteIn(double[] a, int from, int to) {
        long carry = 0;
        for (int i = from; i < to; i++) {
            carry |= (Double.doubleToRawLongBits(a[i]) & 0x7ff0000000000000L) + 0x0010000000000000L;
        }
        return carry < 0;
    }

    private int flatIndex(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("Index of rank " + index.length + " into a tensor of shape " + shape);
        }
        int flat = 0;
        for (int axis = 0; axis < index.length; axis++) {
            int d = shape.dim(axis);
            if (index[axis] < 0 || index[axis] >= d) {
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " outside shape " + shape);
            }
            flat = flat * d + index[axis];
        }
        return flat;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor other
                && shape.equals(other.shape)
                && Arrays.equals(floats, other.floats)
                && Arrays.equals(doubles, other.doubles);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(doubles));
    }

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dataType();
    }
}
