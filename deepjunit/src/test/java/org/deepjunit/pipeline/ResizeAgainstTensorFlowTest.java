package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.op.image.ScaleAndTranslate;
import org.tensorflow.types.TFloat32;

/**
 * {@link Images#resize} against the ops TensorFlow 2's {@code tf.image.resize} runs, computed by TensorFlow itself
 * (TensorFlow Java 1.1.0, TF 2.18 CPU kernels) on random images with values 0–255: up- and downsampling, odd sizes,
 * 1 and 3 channels. Tolerance: 1e-5 of the value range (255), i.e. float32 rounding, not a different formula.
 */
class ResizeAgainstTensorFlowTest {

    private static final double RANGE = 255;
    private static final double TOLERANCE = 1e-5 * RANGE;
    private static final Map<String, Double> LARGEST = new TreeMap<>();

    static Stream<Arguments> cases() {
        int[][] sizes = {
            {56, 56, 28, 28}, {28, 28, 32, 32}, {7, 5, 13, 3}, {32, 32, 28, 28}, {5, 7, 3, 13}, {100, 60, 28, 28}
        };
        List<Arguments> cases = new ArrayList<>();
        for (String method :
                List.of("NEAREST", "BILINEAR", "BICUBIC", "AREA", "BILINEAR+antialias", "BICUBIC+antialias")) {
            for (int[] s : sizes) {
                for (int channels : new int[] {1, 3}) {
                    cases.add(Arguments.of(method, s[0], s[1], s[2], s[3], channels));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}×{2} → {3}×{4}, {5} channels")
    @MethodSource("cases")
    void resizeEqualsTensorFlowsOp(String method, int inH, int inW, int outH, int outW, int channels) {
        Tensor images = random(new Random(inH * 31L + outW * 7L + channels), 2, inH, inW, channels);
        boolean antialias = method.endsWith("+antialias");
        Interpolation interpolation = Interpolation.valueOf(method.replace("+antialias", ""));

        Tensor ours = Images.resize(outH, outW, interpolation, antialias).apply(images);
        Tensor theirs = TfImages.run(images, tensorFlowOp(interpolation, antialias, inH, inW, outH, outW));

        assertThat(ours.shape()).isEqualTo(Shape.of(2, outH, outW, channels));
        double difference = ours.maxAbsDifference(theirs);
        synchronized (LARGEST) {
            LARGEST.merge(method, difference, Math::max);
        }
        assertThat(difference).as("max |ours − TensorFlow|").isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * The op {@code tf.image.resize(images, [outH, outW], method, antialias)} runs in TF 2
     * ({@code image_ops_impl.resize_images_v2}).
     */
    private static BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> tensorFlowOp(
            Interpolation method, boolean antialias, int inH, int inW, int outH, int outW) {
        return (tf, x) -> {
            Operand<org.tensorflow.types.TInt32> size = tf.constant(new int[] {outH, outW});
            if (antialias) {
                // ScaleAndTranslate(size, scale = size / input size (float32), translation = 0,
                //                   kernel_type = "triangle" (bilinear) | "keyscubic" (bicubic), antialias = True)
                return tf.image.scaleAndTranslate(
                        x,
                        size,
                        tf.constant(new float[] {(float) outH / inH, (float) outW / inW}),
                        tf.constant(new float[] {0, 0}),
                        ScaleAndTranslate.kernelType(method == Interpolation.BICUBIC ? "keyscubic" : "triangle"),
                        ScaleAndTranslate.antialias(true));
            }
            switch (method) {
                case NEAREST: // ResizeNearestNeighbor(align_corners = False, half_pixel_centers = True)
                    return tf.image.resizeNearestNeighbor(x, size, ResizeNearestNeighbor.halfPixelCenters(true));
                case BILINEAR: // ResizeBilinear(align_corners = False, half_pixel_centers = True)
                    return tf.image.resizeBilinear(x, size, ResizeBilinear.halfPixelCenters(true));
                case BICUBIC: // ResizeBicubic(align_corners = False, half_pixel_centers = True)
                    return tf.image.resizeBicubic(x, size, ResizeBicubic.halfPixelCenters(true));
                default: // ResizeArea(align_corners = False)
                    return tf.image.resizeArea(x, size);
            }
        };
    }

    @Test
    void antialiasFiltersWhenDownsamplingOnly() {
        Tensor images = random(new Random(3), 1, 56, 56, 1);
        Tensor plain = Images.resize(28, 28, Interpolation.BILINEAR).apply(images);
        Tensor filtered = Images.resize(28, 28, Interpolation.BILINEAR, true).apply(images);
        // 2× down: bilinear reads the 2 nearest pixels at weight ½ each, the widened triangle 4 at ⅛, ⅜, ⅜, ⅛
        assertThat(plain.maxAbsDifference(filtered)).isGreaterThan(10);
        Tensor small = random(new Random(4), 1, 28, 28, 3);
        assertThat(Images.resize(56, 56, Interpolation.BILINEAR)
                        .apply(small)
                        .maxAbsDifference(Images.resize(56, 56, Interpolation.BILINEAR, true)
                                .apply(small)))
                .isLessThan(TOLERANCE);
    }

    @Test
    void resizeKeepsTheDataTypeAndAgreesAcrossIt() {
        Tensor images = random(new Random(5), 1, 7, 5, 3);
        Tensor wide = Tensor.of(images.toDoubleArray(), 1, 7, 5, 3);
        for (Interpolation method : Interpolation.values()) {
            Tensor f32 = Images.resize(13, 3, method).apply(images);
            Tensor f64 = Images.resize(13, 3, method).apply(wide);
            assertThat(f32.dataType()).isEqualTo(images.dataType());
            assertThat(f64.dataType()).isEqualTo(wide.dataType());
            assertThat(f32.maxAbsDifference(f64.as(f32.dataType()))).isLessThan(1e-4);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("Largest |Images.resize − TensorFlow| per method (values 0–255): " + LARGEST);
    }

    static Tensor random(Random random, int... shape) {
        float[] values = new float[Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * RANGE);
        }
        return Tensor.of(values, shape);
    }
}
