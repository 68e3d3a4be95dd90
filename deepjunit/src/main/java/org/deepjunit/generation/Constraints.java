package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;

/**
 * DeepXplore's image constraints, as its reference code ({@code gen_diff.py}, {@code utils.py})
 * applies them to the normalised gradient:
 * <ul>
 *   <li>{@link #lighting()}: every element becomes the gradient's mean, so the step brightens or
 *       darkens the whole image uniformly;</li>
 *   <li>{@link #occlusion}: only one rectangle keeps its gradient, everything else is zero
 *       (position and size are parameters here, not fixed);</li>
 *   <li>{@link #blackout}: per step, {@code count} squares of side {@code size} at random positions
 *       (from the input's own generator); a square whose mean gradient is negative becomes −1
 *       (darkening only), everything else is zero.</li>
 * </ul>
 */
@API(status = STABLE, since = "0.1")
public final class Constraints {

    private Constraints() {}

    /** No constraint: the gradient as it is. */
    public static Constraint none() {
        return new Constraint() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public void constrain(float[] gradient, Shape shape, Random random) {}
        };
    }

    /** Lighting: the gradient replaced by its mean. */
    public static Constraint lighting() {
        return new Constraint() {
            @Override
            public String name() {
                return "lighting";
            }

            @Override
            public void constrain(float[] g, Shape shape, Random random) {
                double sum = 0;
                for (float v : g) {
                    sum += v;
                }
                java.util.Arrays.fill(g, (float) (sum / g.length));
            }
        };
    }

    /** Occlusion: only the rectangle at ({@code row}, {@code col}) of {@code height × width} keeps its gradient. */
    public static Constraint occlusion(int row, int col, int height, int width) {
        if (row < 0 || col < 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Occlusion rectangle needs row, col >= 0 and height, width >= 1, got ("
                    + row + ", " + col + ", " + height + ", " + width + ")");
        }
        return new Constraint() {
            @Override
            public String name() {
                return "occlusion";
            }

            @Override
            public String parameters() {
                return "rect=(" + row + "," + col + "," + height + "," + width + ")";
            }

            @Override
            public void validate(Shape shape) {
                requireImage(shape, "occlusion");
                if (row + height > shape.dim(0) || col + width > shape.dim(1)) {
                    throw new IllegalArgumentException("Occlusion rectangle at (" + row + ", " + col + ") of " + height
                            + "x" + width + " does not fit inputs of shape " + shape);
                }
            }

            @Override
            public void constrain(float[] g, Shape shape, Random random) {
                int w = shape.dim(1);
                int c = shape.rank() == 3 ? shape.dim(2) : 1;
                for (int y = 0; y < shape.dim(0); y++) {
                    for (int x = 0; x < w; x++) {
                        if (y >= row && y < row + height && x >= col && x < col + width) {
                            continue;
                        }
                        for (int k = 0; k < c; k++) {
                            g[(y * w + x) * c + k] = 0;
                        }
                    }
                }
            }
        };
    }

    /** Blackout: {@code count} random {@code size × size} squares per step, darkening only. */
    public static Constraint blackout(int size, int count) {
        if (size < 1 || count < 1) {
            throw new IllegalArgumentException(
                    "Blackout needs size >= 1 and count >= 1, got size " + size + ", count " + count);
        }
        return new Constraint() {
            @Override
            public String name() {
                return "blackout";
            }

            @Override
            public String parameters() {
                return "size=" + size + ",count=" + count;
            }

            @Override
            public void validate(Shape shape) {
                requireImage(shape, "blackout");
                if (size > shape.dim(0) || size > shape.dim(1)) {
                    throw new IllegalArgumentException(
                            "Blackout squares of " + size + "x" + size + " do not fit inputs of shape " + shape);
                }
            }

            @Override
            public void constrain(float[] g, Shape shape, Random random) {
                int h = shape.dim(0);
                int w = shape.dim(1);
                int c = shape.rank() == 3 ? shape.dim(2) : 1;
                float[] out = new float[g.length];
                for (int n = 0; n < count; n++) {
                    int row = random.nextInt(h - size + 1);
                    int col = random.nextInt(w - size + 1);
                    double sum = 0;
                    for (int y = row; y < row + size; y++) {
                        for (int x = col; x < col + size; x++) {
                            for (int k = 0; k < c; k++) {
                                sum += g[(y * w + x) * c + k];
                            }
                        }
                    }
                    if (sum < 0) {
                        for (int y = row; y < row + size; y++) {
                            for (int x = col; x < col + size; x++) {
                                for (int k = 0; k < c; k++) {
                                    out[(y * w + x) * c + k] = -1;
                                }
                            }
                        }
                    }
                }
                System.arraycopy(out, 0, g, 0, g.length);
            }
        };
    }

    static void requireImage(Shape shape, String what) {
        boolean image = (shape.rank() == 3 || shape.rank() == 2) && shape.isFullyKnown();
        if (!image) {
            throw new IllegalArgumentException("The " + what
                    + " constraint needs image inputs [height, width, channels]" + ", got inputs of shape " + shape);
        }
    }
}
