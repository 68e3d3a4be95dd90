package org.deepjunit.differential;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deepjunit.Tensor;

/**
 * Saves an input sample for a person to look at: {@code <id>.npy} (NumPy format, float32,
 * little-endian, the sample's shape without batch), {@code <id>.png} when the sample is an image
 * ({@code [h, w]}, {@code [h, w, 1]} or {@code [h, w, 3]}, values in [0, 1] or [0, 255]) and
 * {@code <id>.json} with whatever metadata the caller gives. Files are named by the input's id,
 * so saving the same input twice, from several threads, writes the same bytes.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** The files written for one input. */
    public record Saved(Path npy, Path png, Path json) {
        /** The paths, PNG first when there is one, for messages. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>();
            if (png != null) {
                all.add(png);
            }
            all.add(npy);
            if (json != null) {
                all.add(json);
            }
            return all;
        }
    }

    /** Writes the files for {@code sample} ({@code [1, ...]}) under {@code dir}. */
    public static Saved save(Path dir, String id, Tensor sample, Map<String, Object> metadata) {
        try {
            int[] dims = withoutBatch(sample);
            Path npy = dir.resolve(id + ".npy");
            AtomicFiles.write(npy, npy(sample, dims));
            Path png = null;
            byte[] image = png(sample, dims);
            if (image != null) {
                png = dir.resolve(id + ".png");
                AtomicFiles.write(png, image);
            }
            Path json = null;
            if (metadata != null) {
                json = dir.resolve(id + ".json");
                AtomicFiles.write(json, Json.write(metadata));
            }
            return new Saved(npy, png, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save input " + id + " under " + dir, e);
        }
    }

    private static int[] withoutBatch(Tensor sample) {
        int[] dims = sample.shape().dims();
        if (dims.length > 1 && dims[0] == 1) {
            return java.util.Arrays.copyOfRange(dims, 1, dims.length);
        }
        return dims;
    }

    /** NumPy {@code .npy} version 1.0: magic, header dict padded to 64 bytes, float32 data. */
    static byte[] npy(Tensor sample, int[] dims) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 || i < dims.length - 1 ? "," : "");
            if (i < dims.length - 1) {
                shape.append(' ');
            }
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(10 + headerBytes.length + 4 * sample.size()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buffer.putShort((short) headerBytes.length);
        buffer.put(headerBytes);
        for (int i = 0; i < sample.size(); i++) {
            buffer.putFloat((float) sample.getDouble(i));
        }
        return buffer.array();
    }

    /** A grey or RGB PNG of an image-shaped sample, or null when it is not one. */
    static byte[] png(Tensor sample, int[] dims) throws IOException {
        int h;
        int w;
        int c;
        if (dims.length == 2) {
            h = dims[0];
            w = dims[1];
            c = 1;
        } else if (dims.length == 3 && (dims[2] == 1 || dims[2] == 3)) {
            h = dims[0];
            w = dims[1];
            c = dims[2];
        } else {
            return null;
        }
        if (h < 2 || w < 2) {
            return null;
        }
        double max = 0;
        double min = 0;
        for (int i = 0; i < sample.size(); i++) {
            double v = sample.getDouble(i);
            if (!Double.isFinite(v)) {
                return null;
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (min < 0 || max > 255) {
            return null;
        }
        double scale = max <= 1 ? 255 : 1;
        BufferedImage image = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (y * w + x) * c;
                if (c == 1) {
                    int g = pixel(sample.getDouble(base), scale);
                    image.getRaster().setSample(x, y, 0, g);
                } else {
                    int r = pixel(sample.getDouble(base), scale);
                    int g = pixel(sample.getDouble(base + 1), scale);
                    int b = pixel(sample.getDouble(base + 2), scale);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int pixel(double v, double scale) {
        return (int) Math.max(0, Math.min(255, Math.round(v * scale)));
    }
}
