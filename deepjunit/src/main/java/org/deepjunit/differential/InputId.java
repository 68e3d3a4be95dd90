package org.deepjunit.differential;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.deepjunit.model.Tensor;

/**
 * A stable identity for one input sample: the first 16 hex digits of the SHA-256 of its shape and
 * its values as little-endian float32, so the same image has the same id in every run, on every
 * machine, whether the test computed it in float32 or float64.
 */
final class InputId {

    private InputId() {}

    /** The id of a sample {@code [1, ...]} (or of a tensor without batch dimension: all its values). */
    public static String of(Tensor sample) {
        int[] dims = sample.shape().dims();
        int from = dims.length > 0 && dims[0] == 1 ? 1 : 0;
        ByteBuffer buffer = ByteBuffer.allocate(4 * (dims.length - from) + 4 * sample.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < dims.length; i++) {
            buffer.putInt(dims[i]);
        }
        for (int i = 0; i < sample.size(); i++) {
            buffer.putFloat((float) sample.getDouble(i));
        }
        return org.deepjunit.model.Sha256.hex(buffer.array()).substring(0, 16);
    }
}
