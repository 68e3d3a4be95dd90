package org.deepjunit.pipeline;

import java.util.List;
import org.deepjunit.model.Tensor;

/**
 * Decodes a list of PNG or JPEG images of equal size and channels into one float32 batch {@code [n, H, W, C]}
 * with values 0–255, as {@link Decode} decodes each.
 */
final class DecodeAll implements Stage<List<byte[]>, Tensor> {

    @Override
    public String name() {
        return Decode.NAME;
    }

    @Override
    public Tensor apply(List<byte[]> images) {
        if (images == null || images.isEmpty()) {
            throw new StageException(
                    Decode.NAME, "expects a list of at least one image; got " + (images == null ? "null" : "none"));
        }
        Tensor[] decoded = new Tensor[images.size()];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = Decode.read(images.get(i), "image " + i);
            if (!decoded[i].shape().equals(decoded[0].shape())) {
                throw new StageException(
                        Decode.NAME,
                        "expects images of equal size and channels [1, H, W, C]; image " + i + " is "
                                + decoded[i].shape() + " but image 0 is " + decoded[0].shape());
            }
        }
        return Tensor.concat(decoded);
    }

    @Override
    public String toString() {
        return Decode.NAME;
    }
}
