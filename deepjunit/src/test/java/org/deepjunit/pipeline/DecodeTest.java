package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TUint8;

/**
 * {@link Images#decode()} on PNGs and JPEGs written here with {@code javax.imageio} from known pixels: PNG exact
 * (and equal to TensorFlow's {@code DecodePng}), JPEG within JPEG's loss of the source and close to TensorFlow's
 * {@code DecodeJpeg}; bytes that are no image give a clear message.
 */
class DecodeTest {

    /** Gray pixel (y, x) = 37y + 11x + 3 (mod 256): every value distinct enough to catch a transposition. */
    private static int grayAt(int y, int x) {
        return (37 * y + 11 * x + 3) % 256;
    }

    private static int[] rgbAt(int y, int x) {
        return new int[] {(13 * y + 5 * x) % 256, (200 - 7 * y + 3 * x) % 256, (31 * x + y * y) % 256};
    }

    private static BufferedImage gray(int h, int w) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, grayAt(y, x));
            }
        }
        return image;
    }

    private static BufferedImage colour(int h, int w, int type, int alpha) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] p = rgbAt(y, x);
                image.setRGB(x, y, (alpha << 24) | (p[0] << 16) | (p[1] << 8) | p[2]);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    @Test
    void grayPngGivesItsExactPixels() {
        byte[] png = encode(gray(5, 7), "png");
        Tensor t = Images.decode().apply(png);
        assertThat(t.shape()).isEqualTo(Shape.of(1, 5, 7, 1));
        assertThat(t.dataType()).isEqualTo(DataType.FLOAT32);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertThat(t.getDouble(0, y, x, 0)).as("(%d, %d)", y, x).isEqualTo(grayAt(y, x));
            }
        }
        assertThat(t).isEqualTo(TfImages.decode(png, (tf, bytes) -> tf.image.decodePng(bytes, TUint8.class)));
    }

    @Test
    void grayPngsOfOneTwoAndFourBitsAreScaledTo255() throws IOException {
        for (int depth : new int[] {1, 2, 4}) {
            int levels = (1 << depth) - 1;
            int[][] pixels = new int[3][5];
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    pixels[y][x] = (y * 5 + x) % (levels + 1);
                }
            }
            byte[] png = grayPng(pixels, depth);
            Tensor t = Images.decode().apply(png);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    // libpng (and so TensorFlow) expands level v of d bits to v · 255 / (2^d − 1)
                    assertThat(t.getDouble(0, y, x, 0))
                            .as("(%d, %d) at %d bits", y, x, depth)
                            .isEqualTo(pixels[y][x] * 255 / levels);
                }
            }
            assertThat(t).isEqualTo(TfImages.decode(png, (tf, bytes) -> tf.image.decodePng(bytes, TUint8.class)));
        }
    }

    /** A grayscale PNG (colour type 0) of bit depth {@code depth} < 8, written by hand: rows packed MSB first. */
    private static byte[] grayPng(int[][] pixels, int depth) throws IOException {
        int h = pixels.length;
        int w = pixels[0].length;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int[] row : pixels) {
            raw.write(0); // filter: none
            int bits = 0;
            int current = 0;
            for (int v : row) {
                current = current << depth | v;
                bits += depth;
                if (bits == 8) {
                    raw.write(current);
                    bits = 0;
                    current = 0;
                }
            }
            if (bits > 0) {
                raw.write(current << (8 - bits));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) depth).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(raw.toByteArray());
        }
        chunk(png, "IDAT", z.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(t);
        png.write(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void rgbPngGivesItsExactPixelsAndRgbaLosesAlpha() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
            byte[] png = encode(colour(4, 6, type, 0x80), "png");
            Tensor t = Images.decode().apply(png);
            assertThat(t.shape()).isEqualTo(Shape.of(1, 4, 6, 3));
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    int[] p = rgbAt(y, x);
                    assertThat(new double[] {t.getDouble(0, y, x, 0), t.getDouble(0, y, x, 1), t.getDouble(0, y, x, 2)})
                            .as("(%d, %d) of type %d", y, x, type)
                            .containsExactly(p[0], p[1], p[2]);
                }
            }
        }
        byte[] rgb = encode(colour(4, 6, BufferedImage.TYPE_INT_RGB, 0), "png");
        assertThat(Images.decode().apply(rgb))
                .isEqualTo(TfImages.decode(rgb, (tf, bytes) -> tf.image.decodePng(bytes, TUint8.class)));
    }

    @Test
    void jpegIsWithinJpegLossOfItsSourceAndCloseToTensorFlowsDecoder() {
        // a smooth gray ramp, which JPEG at ImageIO's default quality (0.75) keeps within a few levels
        BufferedImage source = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                source.getRaster().setSample(x, y, 0, 40 + 8 * x + 4 * y);
            }
        }
        byte[] jpeg = encode(source, "jpeg");
        Tensor t = Images.decode().apply(jpeg);
        assertThat(t.shape()).isEqualTo(Shape.of(1, 16, 16, 1));
        double worst = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                worst = Math.max(worst, Math.abs(t.getDouble(0, y, x, 0) - (40 + 8 * x + 4 * y)));
            }
        }
        assertThat(worst).as("largest JPEG error").isLessThanOrEqualTo(6);
        Tensor tensorFlows = TfImages.decode(jpeg, (tf, bytes) -> tf.image.decodeJpeg(bytes));
        assertThat(t.maxAbsDifference(tensorFlows))
                .as("vs DecodeJpeg (IDCTs differ)")
                .isLessThanOrEqualTo(2);

        byte[] colourJpeg = encode(colour(8, 8, BufferedImage.TYPE_INT_RGB, 0), "jpeg");
        assertThat(Images.decode().apply(colourJpeg).shape()).isEqualTo(Shape.of(1, 8, 8, 3));
    }

    @Test
    void decodeAllStacksImagesOfEqualSize() {
        byte[] a = encode(gray(3, 2), "png");
        BufferedImage other = gray(3, 2);
        other.getRaster().setSample(1, 2, 0, 99);
        Tensor batch = Images.decodeAll().apply(List.of(a, encode(other, "png")));
        assertThat(batch.shape()).isEqualTo(Shape.of(2, 3, 2, 1));
        assertThat(batch.getDouble(0, 2, 1, 0)).isEqualTo(grayAt(2, 1));
        assertThat(batch.getDouble(1, 2, 1, 0)).isEqualTo(99);
    }

    @Test
    void decodeAllNamesTheImageOfAnotherSize() {
        List<byte[]> images = List.of(encode(gray(3, 2), "png"), encode(gray(3, 2), "png"), encode(gray(4, 2), "png"));
        assertThatThrownBy(() -> Images.decodeAll().apply(images))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'decode': expects images of equal size and channels [1, H, W, C]; image 2 is "
                        + "[1, 4, 2, 1] but image 0 is [1, 3, 2, 1]");
        assertThatThrownBy(() -> Images.decodeAll().apply(List.of()))
                .hasMessage("Stage 'decode': expects a list of at least one image; got none");
        assertThatThrownBy(() -> Images.decodeAll().apply(List.of(encode(gray(3, 2), "png"), new byte[] {1, 2, 3})))
                .hasMessageStartingWith("Stage 'decode': expects the bytes of a PNG or JPEG image; image 1 (3 bytes");
    }

    @Test
    void bytesThatAreNoImageSaySo() {
        assertThatThrownBy(
                        () -> Images.decode().apply("hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'decode': expects the bytes of a PNG or JPEG image; the image (12 bytes, starting "
                        + "68 65 6c 6c) is in no format javax.imageio reads");
        assertThatThrownBy(() -> Images.decode().apply(new byte[0]))
                .hasMessage("Stage 'decode': expects the bytes of a PNG or JPEG image; got 0 bytes");
        assertThatThrownBy(() -> Images.decode().apply(null))
                .hasMessage("Stage 'decode': expects the bytes of a PNG or JPEG image; got null");
    }

    @Test
    void truncatedPngAndJpegAreStageExceptionsNotImageIoOnes() {
        byte[] png = encode(gray(20, 20), "png");
        assertThatThrownBy(() -> Images.decode().apply(Arrays.copyOf(png, png.length / 2)))
                .isExactlyInstanceOf(StageException.class)
                .hasMessageStartingWith("Stage 'decode': cannot decode the image (" + png.length / 2
                        + " bytes, starting 89 50 4e 47): ");
        byte[] jpeg = encode(colour(20, 20, BufferedImage.TYPE_INT_RGB, 0), "jpeg");
        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, 20, corrupt.length, (byte) 0x55);
        assertThatThrownBy(() -> Images.decode().apply(corrupt))
                .isExactlyInstanceOf(StageException.class)
                .hasMessageStartingWith("Stage 'decode': cannot decode the image (" + corrupt.length
                        + " bytes, starting ff d8 ff e0): ");
    }
}
