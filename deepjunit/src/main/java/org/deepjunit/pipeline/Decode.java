package org.deepjunit.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.deepjunit.data.Images;
import org.deepjunit.model.Tensor;

/**
 * Decodes the bytes of one PNG or JPEG (or any format {@code javax.imageio} reads) into a float32 tensor
 * {@code [1, H, W, C]} with values 0–255: C = 1 for gray images, 3 for colour ones; alpha is dropped, samples wider
 * than 8 bits keep their top 8 bits.
 */
final class Decode implements Stage<byte[], Tensor> {

    static final String NAME = "decode";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Tensor apply(byte[] bytes) {
        return read(bytes, "the image");
    }

    /** Decodes {@code bytes}; {@code which} names the image in messages ("the image", "image 3"). */
    static Tensor read(byte[] bytes, String which) {
        if (bytes == null || bytes.length == 0) {
            throw new StageException(
                    NAME, "expects the bytes of a PNG or JPEG image; got " + (bytes == null ? "null" : "0 bytes"));
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new StageException(
                    NAME,
                    "cannot decode " + which + " (" + bytes.length + " bytes, starting " + head(bytes) + "): "
                            + e.getMessage(),
                    e);
        }
        if (image == null) {
            throw new StageException(
                    NAME,
                    "expects the bytes of a PNG or JPEG image; " + which + " (" + bytes.length + " bytes, starting "
                            + head(bytes) + ") is in no format javax.imageio reads");
        }
        return Images.toTensor(image);
    }

    /** The first bytes in hex, which say the format ({@code 89 50 4e 47} PNG, {@code ff d8 ff} JPEG). */
    private static String head(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            sb.append(i > 0 ? " " : "").append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return NAME;
    }
}
