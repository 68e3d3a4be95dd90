package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Images to and from tensors with {@code javax.imageio}: a folder of PNG/JPEG/BMP/GIF files as a
 * dataset of {@code [h, w, 1]} (grayscale) or {@code [h, w, 3]} (colour) samples with values
 * 0–255, and PNG encoding of one {@code [h, w, 1|3]} sample.
 */
@API(status = INTERNAL, since = "0.1")
public final class Images {

    private Images() {}

    /**
     * Reads every image under {@code dir}, sorted by relative path. Images in sub-folders whose
     * names are integers get those integers as labels (as in {@code train/3/x.png}); if any image
     * lies outside such a folder, there are no labels.
     */
    public static Dataset readFolder(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(Images::isImage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DataFormatException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        String name = dir.toString();
        if (files.isEmpty()) {
            return new Dataset(name, Shape.of(1, 1, 1), new float[0], null);
        }
        List<float[]> samples = new ArrayList<>();
        int[] labels = new int[files.size()];
        boolean labelled = true;
        Shape shape = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image;
            try {
                image = ImageIO.read(file.toFile());
            } catch (IOException e) {
                throw new DataFormatException("Cannot read image " + file + ": " + e.getMessage(), e);
            }
            if (image == null) {
                throw new DataFormatException("Not an image javax.imageio can read: " + file);
            }
            int channels = channels(image);
            Shape s = Shape.of(image.getHeight(), image.getWidth(), channels);
            if (shape != null && !shape.equals(s)) {
                throw new DataFormatException("Image " + file + " is " + s + " but " + files.get(0) + " is " + shape
                        + "; every image of a seed folder must have the same size and channels");
            }
            shape = s;
            samples.add(pixels(image, channels));
            Path parent = dir.relativize(file).getParent();
            Integer label =
                    parent == null ? null : parseInt(parent.getFileName().toString());
            if (label == null) {
                labelled = false;
            } else {
                labels[i] = label;
            }
        }
        int per = shape.size();
        float[] data = new float[samples.size() * per];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, data, i * per, per);
        }
        return new Dataset(name, shape, data, labelled ? labels : null);
    }

    /** Whether {@code file} has an image extension. */
    static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png")
                || n.endsWith(".jpg")
                || n.endsWith(".jpeg")
                || n.endsWith(".bmp")
                || n.endsWith(".gif");
    }

    /**
     * The pixels of {@code image} as a {@code [1, h, w, c]} float tensor with values 0–255: c = 1 for gray images
     * (with or without alpha), 3 for every other; alpha is dropped, samples wider than 8 bits keep their top 8 bits, 1-, 2- and 4-bit
     * gray levels are scaled to 0–255 as libpng expands them.
     */
    public static Tensor toTensor(BufferedImage image) {
        int channels = channels(image);
        return Tensor.wrap(pixels(image, channels), Shape.of(1, image.getHeight(), image.getWidth(), channels));
    }

    private static int channels(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1 || grayRamp(image) ? 1 : 3;
    }

    /**
     * Whether the image is a gray one of fewer than 8 bits, which ImageIO reads with a palette: level v of d bits
     * as gray v · 255 / (2^d − 1), the value libpng (and so TensorFlow) expands it to.
     */
    private static boolean grayRamp(BufferedImage image) {
        if (!(image.getColorModel() instanceof IndexColorModel palette)
                || palette.hasAlpha()
                || palette.getPixelSize() >= 8
                || palette.getMapSize() != 1 << palette.getPixelSize()) {
            return false;
        }
        int top = palette.getMapSize() - 1;
        for (int v = 0; v <= top; v++) {
            int gray = v * 255 / top;
            if (palette.getRed(v) != gray || palette.getGreen(v) != gray || palette.getBlue(v) != gray) {
                return false;
            }
        }
        return true;
    }

    private static float[] pixels(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[h * w * channels];
        if (channels == 1 && grayRamp(image)) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = image.getRGB(x, y) & 0xFF;
                }
            }
            return out;
        }
        if (channels == 1) {
            Raster raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = raster.getSample(x, y, 0);
                    if (raster.getSampleModel().getSampleSize(0) > 8) {
                        v >>= raster.getSampleModel().getSampleSize(0) - 8;
                    }
                    out[y * w + x] = v;
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int base = (y * w + x) * 3;
                out[base] = (rgb >> 16) & 0xFF;
                out[base + 1] = (rgb >> 8) & 0xFF;
                out[base + 2] = rgb & 0xFF;
            }
        }
        return out;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a per-sample shape can be drawn as an image: {@code [h, w, 1]}, {@code [h, w, 3]} or {@code [h, w]}. */
    public static boolean isImageShape(Shape sampleShape) {
        return (sampleShape.rank() == 3 && (sampleShape.dim(2) == 1 || sampleShape.dim(2) == 3))
                || (sampleShape.rank() == 2 && sampleShape.dim(0) > 1 && sampleShape.dim(1) > 1);
    }

    /**
     * PNG bytes of one sample ({@code [1, h, w, c]} or {@code [h, w, c]}, c = 1 or 3, or {@code [h, w]}),
     * whose values lie in {@code [min, max]}: mapped linearly to 0–255, grayscale or RGB.
     */
    public static byte[] png(Tensor sample, double min, double max) {
        Shape s = sample.shape();
        if (s.rank() == 4 && s.dim(0) == 1) {
            s = s.withoutBatch();
        }
        if (!isImageShape(s)) {
            throw new IllegalArgumentException("Cannot draw a tensor of shape " + sample.shape()
                    + " as an image: expected [h, w, 1] or [h, w, 3]");
        }
        int h = s.dim(0);
        int w = s.dim(1);
        int c = s.rank() == 3 ? s.dim(2) : 1;
        BufferedImage image =
                new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        double span = max > min ? max - min : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (y * w + x) * c;
                if (c == 1) {
                    image.getRaster().setSample(x, y, 0, toByte(sample.getDouble(base), min, span));
                } else {
                    int r = toByte(sample.getDouble(base), min, span);
                    int g = toByte(sample.getDouble(base + 1), min, span);
                    int b = toByte(sample.getDouble(base + 2), min, span);
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #png} to {@code file} atomically. */
    public static void writePng(Tensor sample, double min, double max, Path file) {
        AtomicFiles.write(file, png(sample, min, max));
    }

    private static int toByte(double v, double min, double span) {
        long b = Math.round((v - min) / span * 255);
        return (int) Math.max(0, Math.min(255, b));
    }
}
