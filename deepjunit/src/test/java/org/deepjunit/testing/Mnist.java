package org.deepjunit.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.deepjunit.model.Tensor;

/** Reads the MNIST test set shipped in test resources (IDX format, gzip), once per JVM. */
public final class Mnist {

    public static final int SIZE = 10_000;

    private static final byte[] IMAGES = read("/mnist/t10k-images-idx3-ubyte.gz", 2051, 28 * 28);
    private static final byte[] LABELS = read("/mnist/t10k-labels-idx1-ubyte.gz", 2049, 1);

    private Mnist() {}

    /** Images {@code [from, to)} as {@code [n, 28, 28, 1]} floats in [0, 1] (pixel / 255). */
    public static Tensor images(int from, int to) {
        float[] data = new float[(to - from) * 784];
        for (int i = 0; i < data.length; i++) {
            data[i] = (IMAGES[from * 784 + i] & 0xFF) / 255f;
        }
        return Tensor.of(data, to - from, 28, 28, 1);
    }

    /** Labels {@code [from, to)}. */
    public static int[] labels(int from, int to) {
        int[] result = new int[to - from];
        for (int i = 0; i < result.length; i++) {
            result[i] = LABELS[from + i];
        }
        return result;
    }

    private static byte[] read(String resource, int magic, int itemSize) {
        try (InputStream raw = Mnist.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (in.readInt() != magic) {
                throw new IllegalStateException(resource + " is not an IDX file with magic " + magic);
            }
            int count = in.readInt();
            for (int d = 1; d < (magic & 0xFF); d++) {
                in.readInt();
            }
            byte[] data = new byte[count * itemSize];
            in.readFully(data);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
