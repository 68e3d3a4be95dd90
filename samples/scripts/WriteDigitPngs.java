import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Writes the pipeline sample's images: the first 10 MNIST test digits of each class as 56×56 RGB PNGs, dark blue
 * ink on cream paper, as a phone photo of a form might give them after cropping. Every stage of the sample's
 * pipeline then has real work to do (colour to gray, 56 to 28 pixels, ink to MNIST's white-on-black).
 *
 * <pre>
 * cd samples && java scripts/WriteDigitPngs.java src/test/resources/mnist src/test/resources/digits-56
 * </pre>
 *
 * Each file is {@code <label>/<MNIST test index>.png}. Only the JDK is needed; the output is deterministic.
 */
public class WriteDigitPngs {

    static final int PER_CLASS = 10;
    static final int SIZE = 56;
    static final int[] PAPER = {255, 250, 240};
    static final int[] INK = {0, 10, 60};

    public static void main(String[] args) throws IOException {
        Path mnist = Path.of(args[0]);
        Path out = Path.of(args[1]);
        byte[] images = read(mnist.resolve("t10k-images-idx3-ubyte.gz"), 16);
        byte[] labels = read(mnist.resolve("t10k-labels-idx1-ubyte.gz"), 8);
        int[] written = new int[10];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (written[label] == PER_CLASS) {
                continue;
            }
            written[label]++;
            Path file = out.resolve(label + "/" + String.format("%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(photo(images, i * 28 * 28), "png", file.toFile());
        }
    }

    /** The 28×28 digit at {@code offset}, enlarged bilinearly (half-pixel centres) and printed in ink on paper. */
    static BufferedImage photo(byte[] images, int offset) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        double f = 28.0 / SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double sy = Math.max(0, (y + 0.5) * f - 0.5);
                double sx = Math.max(0, (x + 0.5) * f - 0.5);
                int y0 = (int) sy;
                int x0 = (int) sx;
                int y1 = Math.min(27, y0 + 1);
                int x1 = Math.min(27, x0 + 1);
                double dy = sy - y0;
                double dx = sx - x0;
                double v = (px(images, offset, y0, x0) * (1 - dx) + px(images, offset, y0, x1) * dx) * (1 - dy)
                        + (px(images, offset, y1, x0) * (1 - dx) + px(images, offset, y1, x1) * dx) * dy;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = rgb << 8 | (int) Math.round(PAPER[c] + (INK[c] - PAPER[c]) * v / 255);
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static int px(byte[] images, int offset, int y, int x) {
        return images[offset + y * 28 + x] & 0xff;
    }

    static byte[] read(Path gz, int header) throws IOException {
        try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
            in.readNBytes(header);
            return in.readAllBytes();
        }
    }
}
