package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Image stages with TensorFlow's semantics: decoding, colour, geometry and resizing of channels-last batches
 * {@code [batch, H, W, C]}. Every tensor stage here is a {@link DifferentiableStage} (each is linear, padding
 * affine), works in float32 and float64 and keeps its input's data type; a stage given an image it cannot take
 * throws a {@link StageException} naming the stage and what it expects.
 *
 * <pre>{@code
 * Stage<byte[], Tensor> decode = Images.decode();                         // PNG/JPEG → [1, H, W, 3], 0–255
 * TensorStage gray = Images.grayscale();                                  // → [1, H, W, 1]
 * TensorStage small = Images.resize(28, 28, Interpolation.BILINEAR, true); // as tf.image.resize(antialias=True)
 * Tensor x = small.apply(gray.apply(decode.apply(Files.readAllBytes(png))));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Images {

    private Images() {}

    /**
     * Decodes the bytes of a PNG or JPEG image (or any format {@code javax.imageio} reads) into a float32 tensor
     * {@code [1, H, W, C]} with values 0–255: C = 1 for gray images, 3 for colour ones. Alpha is dropped (colour
     * values are kept as stored, not blended against a background); 16-bit samples keep their top 8 bits. Bytes that are no readable image throw a
     * {@link StageException}. Stage name "decode".
     */
    public static Stage<byte[], Tensor> decode() {
        return new Decode();
    }

    /**
     * Decodes a list of images, as {@link #decode()} decodes each, into one batch {@code [n, H, W, C]}; they must
     * all have the same size and channels (the message names the first that does not). Stage name "decode".
     */
    public static Stage<List<byte[]>, Tensor> decodeAll() {
        return new DecodeAll();
    }

    /**
     * RGB to one gray channel with {@code tf.image.rgb_to_grayscale}'s weights: 0.2989·R + 0.5870·G + 0.1140·B.
     * A gray image (1 channel) passes unchanged; 2 or 4 channels are refused. Stage
     * name "grayscale".
     */
    public static DifferentiableStage grayscale() {
        return ChannelMap.grayscale();
    }

    /** Gray to RGB by repeating the channel three times ({@code tf.image.grayscale_to_rgb}); RGB passes unchanged. Stage name "rgb". */
    public static DifferentiableStage rgb() {
        return ChannelMap.rgb();
    }

    /** Reverses the channel order, RGB ↔ BGR (as {@code image[..., ::-1]}); a gray image passes unchanged. Stage name "bgr". */
    public static DifferentiableStage bgr() {
        return ChannelMap.bgr();
    }

    /**
     * The {@code height × width} window whose top-left pixel is {@code (top, left)}, as
     * {@code tf.image.crop_to_bounding_box(image, top, left, height, width)}; the image must hold it. Stage name "crop".
     */
    public static DifferentiableStage crop(int top, int left, int height, int width) {
        return Crop.at(top, left, height, width);
    }

    /**
     * The central {@code height × width} window, as Keras' {@code CenterCrop} takes it: top = ⌊(H − height) / 2⌋,
     * left = ⌊(W − width) / 2⌋ (an odd surplus leaves the extra row and column at the bottom and right). The image
     * must be at least that large. Stage name "center-crop".
     */
    public static DifferentiableStage centerCrop(int height, int width) {
        return Crop.centred(height, width);
    }

    /**
     * A border of {@code value} around each image, as {@code tf.pad} with {@code constant_values=value} on the
     * height and width axes ({@code tf.image.pad_to_bounding_box} for value 0): the output is
     * {@code [batch, top + H + bottom, left + W + right, C]}. Stage name "pad".
     */
    public static DifferentiableStage pad(int top, int bottom, int left, int right, double value) {
        return new Pad(top, bottom, left, right, value);
    }

    /** {@code [batch, H, W, C]} to {@code [batch, C, H, W]}, for models that take channels-first input. Stage name
     * "to-channels-first". */
    public static DifferentiableStage toChannelsFirst() {
        return Layout.channelsFirst();
    }

    /** {@code [batch, C, H, W]} to {@code [batch, H, W, C]}. Stage name "to-channels-last". */
    public static DifferentiableStage toChannelsLast() {
        return Layout.channelsLast();
    }

    /** {@link #resize(int, int, Interpolation, boolean)} without antialiasing, TensorFlow's default. */
    public static DifferentiableStage resize(int height, int width, Interpolation method) {
        return resize(height, width, method, false);
    }

    /**
     * Resizes each image to {@code height × width} exactly as TensorFlow 2's
     * {@code tf.image.resize(images, [height, width], method, antialias=antialias)} does: half-pixel centres for
     * nearest (input pixel ⌊(o + ½)·in/out⌋), bilinear and bicubic (Keys' cubic, a = −0.5, taps outside the image
     * dropped and the rest renormalised); area as {@code ResizeArea}. With {@code antialias}, bilinear and bicubic
     * run as {@code ScaleAndTranslate} with the triangle or Keys kernel widened by in/out when downsampling (a low
     * pass filter); as in TensorFlow, {@code antialias} changes nothing for nearest and area. Values are not
     * clipped: bicubic may overshoot the input's range. Stage name "resize".
     */
    public static DifferentiableStage resize(int height, int width, Interpolation method, boolean antialias) {
        return new Resize(height, width, method, antialias);
    }

    /** Throws {@link IllegalArgumentException} naming {@code parameter} when {@code value < least}. */
    static void requireAtLeast(int least, String parameter, int value) {
        if (value < least) {
            throw new IllegalArgumentException(
                    parameter + " must be " + (least == 0 ? "0 or more" : "at least " + least) + ", got " + value);
        }
    }
}
