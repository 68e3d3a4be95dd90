package org.deepjunit.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Photos of MNIST digits as a camera pipeline would meet them: 56×56 RGB, each MNIST pixel doubled, dark blue ink
 * (0, 10, 60) on cream paper (255, 250, 240). Grayscale, a 2× area resize and {@code 1 − x/255} bring them back
 * close to MNIST.
 */
public final class Photos {

    private Photos() {}

    /** The photo of one MNIST digit, {@code digit} holding 784 values in [0, 1]. */
    public static BufferedImage of(float[] digit) {
        BufferedImage photo = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                double v = digit[(y / 2) * 28 + x / 2];
                int r = (int) Math.round(255 - 255 * v);
                int g = (int) Math.round(250 - 240 * v);
                int b = (int) Math.round(240 - 180 * v);
                photo.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return photo;
    }

    /** A 56×56 RGB image from integer pixels {@code [56, 56, 3]} in 0–255, channels last. */
    public static BufferedImage of56(float[] rgb) {
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 56 * 56; i++) {
            int r = (int) rgb[3 * i];
            int g = (int) rgb[3 * i + 1];
            int b = (int) rgb[3 * i + 2];
            image.setRGB(i % 56, i / 56, r << 16 | g << 8 | b);
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
