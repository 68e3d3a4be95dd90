package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;

/**
 * Cuts a {@code height × width} window out of each image, at a fixed corner ({@code tf.image.crop_to_bounding_box})
 * or centred as Keras' {@code CenterCrop} centres it: top = ⌊(H − height) / 2⌋, left = ⌊(W − width) / 2⌋. Its
 * vector–Jacobian product puts the output gradient back in place, zeros around it.
 */
final class Crop extends ImageStage {

    private final int top;
    private final int left;
    private final int height;
    private final int width;
    private final boolean centred;

    private Crop(String name, int top, int left, int height, int width, boolean centred) {
        super(name);
        this.top = top;
        this.left = left;
        this.height = height;
        this.width = width;
        this.centred = centred;
    }

    static Crop at(int top, int left, int height, int width) {
        Images.requireAtLeast(0, "top", top);
        Images.requireAtLeast(0, "left", left);
        Images.requireAtLeast(1, "height", height);
        Images.requireAtLeast(1, "width", width);
        return new Crop("crop", top, left, height, width, false);
    }

    static Crop centred(int height, int width) {
        Images.requireAtLeast(1, "height", height);
        Images.requireAtLeast(1, "width", width);
        return new Crop("center-crop", 0, 0, height, width, true);
    }

    @Override
    Shape output(Shape input) {
        int needHeight = centred ? height : top + height;
        int needWidth = centred ? width : left + width;
        String expectation = "an image of at least " + needHeight + "×" + needWidth + " pixels " + IMAGE;
        requireRank4(input, expectation);
        if (tooSmall(input.dim(1), needHeight) || tooSmall(input.dim(2), needWidth)) {
            throw mismatch(expectation, input);
        }
        return Shape.of(input.dim(0), height, width, input.dim(3));
    }

    private static boolean tooSmall(int size, int needed) {
        return size != Shape.UNKNOWN && size < needed;
    }

    private int top(Shape in) {
        return centred ? (in.dim(1) - height) / 2 : top;
    }

    private int left(Shape in) {
        return centred ? (in.dim(2) - width) / 2 : left;
    }

    @Override
    double[] forward(double[] x, Shape in, Shape out) {
        return Windows.shift(x, in, height, width, top(in), left(in), 0);
    }

    @Override
    double[] backward(double[] g, Shape in, Shape out) {
        return Windows.shift(g, out, in.dim(1), in.dim(2), -top(in), -left(in), 0);
    }
}
