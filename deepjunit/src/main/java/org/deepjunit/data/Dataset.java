package org.deepjunit.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Samples held in memory as float32, each of shape {@link #sampleShape()}, with optional integer
 * labels: what seed sources load ({@link Datasets}) and generators draw from.
 *
 * <pre>{@code
 * Dataset mnist = Datasets.load("classpath:/mnist/t10k-images-idx3-ubyte.gz",
 *         "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);  // pixels / 255
 * Tensor first = mnist.sample(0);             // [1, 28, 28, 1]
 * OptionalInt label = mnist.label(0);         // 7
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Dataset {

    private final String name;
    private final Shape sampleShape;
    private final float[] data;
    private final int[] labels;

    /**
     * @param name        where the data came from, for messages
     * @param sampleShape one sample's shape (images {@code [h, w, c]})
     * @param data        row-major values of every sample; owned by the dataset afterwards
     * @param labels      one label per sample, or {@code null}
     */
    public Dataset(String name, Shape sampleShape, float[] data, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
        this.data = Objects.requireNonNull(data, "data");
        int per = sampleShape.size();
        if (per < 1 || data.length % per != 0) {
            throw new IllegalArgumentException(
                    name + ": " + data.length + " values do not split into samples of shape " + sampleShape);
        }
        if (labels != null && labels.length != data.length / per) {
            throw new IllegalArgumentException(
                    name + ": " + labels.length + " labels for " + (data.length / per) + " samples");
        }
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public Shape sampleShape() {
        return sampleShape;
    }

    public int size() {
        return data.length / sampleShape.size();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The label of sample {@code i}, empty when the source has none. */
    public OptionalInt label(int i) {
        Objects.checkIndex(i, size());
        return labels == null ? OptionalInt.empty() : OptionalInt.of(labels[i]);
    }

    /** Sample {@code i} as a {@code [1, ...sampleShape]} tensor. */
    public Tensor sample(int i) {
        return batch(new int[] {i});
    }

    /** The samples at {@code indices}, stacked as {@code [indices.length, ...sampleShape]}. */
    public Tensor batch(int[] indices) {
        int per = sampleShape.size();
        float[] out = new float[indices.length * per];
        for (int k = 0; k < indices.length; k++) {
            Objects.checkIndex(indices[k], size());
            System.arraycopy(data, indices[k] * per, out, k * per, per);
        }
        return Tensor.wrap(out, sampleShape.withBatch(indices.length));
    }

    /** SHA-256 of the sample shape and every value: equal for the same samples, whatever file they came from. */
    public String contentHash() {
        java.security.MessageDigest sha = org.deepjunit.model.Sha256.digest();
        sha.update(sampleShape.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * data.length);
        bytes.asFloatBuffer().put(data);
        sha.update(bytes);
        return org.deepjunit.model.Sha256.hex(sha);
    }

    /** The flat index (sample × sample size + element) of the first NaN or infinite value, or -1 when all are finite. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public long firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The flat index of the first value that is not an integer, or -1 when all are. */
    @API(status = EXPERIMENTAL, since = "0.3")
    public long firstNonInteger() {
        for (int i = 0; i < data.length; i++) {
            if (data[i] != Math.rint(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The value at a flat index (sample × sample size + element). */
    @API(status = EXPERIMENTAL, since = "0.2")
    public float value(long flatIndex) {
        return data[Math.toIntExact(flatIndex)];
    }

    /** The smallest and largest value over all samples. */
    public float[] range() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    /** A dataset whose values are multiplied by {@code factor}. */
    public Dataset scaled(double factor) {
        if (factor == 1) {
            return this;
        }
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (data[i] * factor);
        }
        return new Dataset(name, sampleShape, out, labels);
    }

    /** The same samples under another per-sample shape of equal size (e.g. {@code [784]} to {@code [28, 28, 1]}). */
    public Dataset reshaped(Shape shape) {
        if (shape.size() != sampleShape.size()) {
            throw new IllegalArgumentException(
                    "Cannot reshape samples of " + name + " from " + sampleShape + " to " + shape);
        }
        return new Dataset(name, shape, data, labels);
    }

    @Override
    public String toString() {
        return "Dataset " + name + " (" + size() + " x " + sampleShape + (labels != null ? ", labelled" : "") + ")";
    }

    int[] labelsOrNull() {
        return labels == null ? null : Arrays.copyOf(labels, labels.length);
    }
}
