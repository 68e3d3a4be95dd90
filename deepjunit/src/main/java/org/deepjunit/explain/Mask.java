package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * A region of an input: a set of its elements, with a name for messages. {@link Attribution#massIn} measures the
 * share of an attribution inside one.
 *
 * <pre>{@code
 * Mask digit = Mask.above(image, 0.1);            // the digit's non-background pixels
 * Mask centre = Mask.box(Shape.of(28, 28, 1), 4, 4, 20, 20);
 * double share = attribution.massIn(digit);
 * }</pre>
 *
 * <p>A mask has the shape of one input sample, without the batch dimension. For an image {@code [h, w, c]} the
 * factories take whole pixels: a pixel is inside with all its channels.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Mask {

    private final Shape shape;
    private final boolean[] inside;
    private final String name;

    private Mask(Shape shape, boolean[] inside, String name) {
        if (shape.size() != inside.length) {
            throw new IllegalArgumentException(
                    "A mask of shape " + shape + " needs " + shape.size() + " flags, got " + inside.length);
        }
        this.shape = shape;
        this.inside = inside;
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A mask of the given per-sample shape, inside where {@code inside} is true (row-major). */
    public static Mask of(Shape sampleShape, boolean[] inside, String name) {
        return new Mask(sampleShape, inside.clone(), name);
    }

    /**
     * The pixels of {@code input} (one sample, {@code [1, ...]} or without batch) where some channel exceeds
     * {@code threshold}: for MNIST digits on black, {@code above(image, 0.1)} is the digit.
     */
    public static Mask above(Tensor input, double threshold) {
        Shape s = sampleShape(input);
        int channels = s.rank() == 3 ? s.dim(2) : 1;
        boolean[] inside = new boolean[s.size()];
        for (int p = 0; p < s.size() / channels; p++) {
            boolean any = false;
            for (int c = 0; c < channels; c++) {
                any |= input.getDouble(p * channels + c) > threshold;
            }
            for (int c = 0; c < channels; c++) {
                inside[p * channels + c] = any;
            }
        }
        return new Mask(s, inside, "pixels above " + threshold);
    }

    /** The rectangle of height {@code h} and width {@code w} from row {@code top}, column {@code left}. */
    public static Mask box(Shape sampleShape, int top, int left, int h, int w) {
        if (sampleShape.rank() < 2) {
            throw new IllegalArgumentException("A box needs an image shape [h, w] or [h, w, c], got " + sampleShape);
        }
        int height = sampleShape.dim(0);
        int width = sampleShape.dim(1);
        if (top < 0 || left < 0 || h < 1 || w < 1 || top + h > height || left + w > width) {
            throw new IllegalArgumentException("Box at (" + top + ", " + left + ") of " + h + "x" + w
                    + " does not fit an image of " + height + "x" + width);
        }
        int channels = sampleShape.size() / (height * width);
        boolean[] inside = new boolean[sampleShape.size()];
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                for (int c = 0; c < channels; c++) {
                    inside[(y * width + x) * channels + c] = true;
                }
            }
        }
        return new Mask(sampleShape, inside, "box " + h + "x" + w + " at (" + top + ", " + left + ")");
    }

    /** Every element outside this mask, named {@code not <name>}. */
    public Mask invert() {
        boolean[] out = new boolean[inside.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = !inside[i];
        }
        return new Mask(shape, out, "not " + name);
    }

    /** The per-sample shape. */
    public Shape shape() {
        return shape;
    }

    public String name() {
        return name;
    }

    /** Whether the element at a flat row-major index is inside. */
    public boolean contains(int flatIndex) {
        return inside[flatIndex];
    }

    /** How many elements are inside. */
    public int count() {
        int n = 0;
        for (boolean b : inside) {
            n += b ? 1 : 0;
        }
        return n;
    }

    static Shape sampleShape(Tensor input) {
        int[] dims = input.shape().dims();
        if (dims.length > 1 && dims[0] == 1) {
            return Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
        }
        return input.shape();
    }

    @Override
    public String toString() {
        return "Mask '" + name + "' " + shape + ", " + count() + " of " + inside.length + " elements";
    }
}
