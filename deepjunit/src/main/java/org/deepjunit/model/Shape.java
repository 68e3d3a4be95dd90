package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The dimensions of one sample, or of a batch when {@link #withBatch(int)} is used.
 *
 * <p>Image shapes are channels-last, {@code (height, width, channels)}, whatever the framework's
 * own layout: adapters translate. {@value #UNKNOWN} stands for a dimension a model leaves open.
 *
 * <pre>{@code
 * Shape mnist = Shape.of(28, 28, 1);
 * mnist.size();        // 784
 * mnist.withBatch(64); // [64, 28, 28, 1]
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Shape {

    /** A dimension the model does not fix, such as a variable sequence length. */
    public static final int UNKNOWN = -1;

    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 1 && d != UNKNOWN) {
                throw new IllegalArgumentException(
                        "Shape dimensions must be positive or Shape.UNKNOWN (-1), got " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    /** Creates a shape from its dimensions, outermost first. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Creates a shape from {@code long} dimensions, as frameworks report them; negative means unknown. */
    public static Shape ofLongs(long... dims) {
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ints[i] = dims[i] < 0 ? UNKNOWN : Math.toIntExact(dims[i]);
        }
        return new Shape(ints);
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    /** Returns a copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Returns the last dimension: the number of neurons of a layer with this output shape. */
    public int last() {
        if (dims.length == 0) {
            return 1;
        }
        return dims[dims.length - 1];
    }

    /** Returns the number of elements, or {@value #UNKNOWN} if a dimension is unknown. */
    public int size() {
        int size = 1;
        for (int d : dims) {
            if (d == UNKNOWN) {
                return UNKNOWN;
            }
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    public boolean isFullyKnown() {
        return size() != UNKNOWN;
    }

    /** Returns {@code [batch, ...this]}. */
    public Shape withBatch(int batch) {
        int[] result = new int[dims.length + 1];
        result[0] = batch;
        System.arraycopy(dims, 0, result, 1, dims.length);
        return new Shape(result);
    }

    /** Returns this shape without its first (batch) dimension. */
    public Shape withoutBatch() {
        if (dims.length == 0) {
            throw new IllegalStateException("A scalar shape has no batch dimension");
        }
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** Whether {@code concrete} fits this shape, where {@link #UNKNOWN} dimensions match anything. */
    public boolean accepts(Shape concrete) {
        if (concrete.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != UNKNOWN && dims[i] != concrete.dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [28, 28, 1]}, with {@code ?} for unknown dimensions. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] == UNKNOWN ? "?" : Integer.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
