package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image stage's vector–Jacobian product against central finite differences in float64: for each input
 * element i, (⟨v, apply(x + h·eᵢ)⟩ − ⟨v, apply(x − h·eᵢ)⟩) / 2h must equal the VJP's element i. The stages are
 * linear (pad affine), so the differences are exact up to rounding and the tolerance is tight.
 */
class ImageGradientTest {

    private static final double H = 1e-3;

    static Stream<Arguments> stages() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("grayscale RGB", Images.grayscale(), Shape.of(2, 4, 5, 3)));
        cases.add(Arguments.of("grayscale gray", Images.grayscale(), Shape.of(2, 4, 5, 1)));
        cases.add(Arguments.of("rgb gray", Images.rgb(), Shape.of(2, 4, 5, 1)));
        cases.add(Arguments.of("rgb RGB", Images.rgb(), Shape.of(1, 3, 2, 3)));
        cases.add(Arguments.of("bgr", Images.bgr(), Shape.of(2, 4, 5, 3)));
        cases.add(Arguments.of("crop", Images.crop(1, 2, 3, 2), Shape.of(2, 5, 6, 2)));
        cases.add(Arguments.of("centerCrop", Images.centerCrop(3, 2), Shape.of(2, 6, 5, 3)));
        cases.add(Arguments.of("pad", Images.pad(1, 2, 0, 3, 7.5), Shape.of(2, 4, 3, 2)));
        cases.add(Arguments.of("toChannelsFirst", Images.toChannelsFirst(), Shape.of(2, 4, 3, 2)));
        cases.add(Arguments.of("toChannelsLast", Images.toChannelsLast(), Shape.of(2, 2, 4, 3)));
        int[][] sizes = {{7, 5, 4, 9}, {9, 11, 4, 3}, {5, 5, 13, 3}};
        for (Interpolation method : Interpolation.values()) {
            for (boolean antialias : new boolean[] {false, true}) {
                for (int[] s : sizes) {
                    cases.add(Arguments.of(
                            "resize " + method + (antialias ? "+antialias " : " ") + s[0] + "×" + s[1] + "→" + s[2]
                                    + "×" + s[3],
                            Images.resize(s[2], s[3], method, antialias),
                            Shape.of(1, s[0], s[1], 2)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void vectorJacobianProductEqualsFiniteDifferences(String label, DifferentiableStage stage, Shape shape) {
        Random random = new Random(label.hashCode());
        double[] x = gaussian(random, shape.size());
        Tensor input = Tensor.wrap(x, shape);
        Shape outShape = stage.apply(input).shape();
        Tensor v = Tensor.wrap(gaussian(random, outShape.size()), outShape);

        Tensor vjp = stage.vectorJacobianProduct(input, v);

        assertThat(vjp.shape()).isEqualTo(shape);
        assertThat(vjp.dataType()).isEqualTo(DataType.FLOAT64);
        double largest = 0;
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += H;
            minus[i] -= H;
            double fd = (dot(v, stage.apply(Tensor.wrap(plus, shape))) - dot(v, stage.apply(Tensor.wrap(minus, shape))))
                    / (2 * H);
            assertThat(vjp.getDouble(i)).as("element %d", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-7));
            largest = Math.max(largest, Math.abs(fd));
        }
        assertThat(largest).as("some input matters").isGreaterThan(0.1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void float32InputGivesFloat32OutputAndGradient(String label, DifferentiableStage stage, Shape shape) {
        Random random = new Random(label.hashCode());
        Tensor wide = Tensor.wrap(gaussian(random, shape.size()), shape);
        Tensor narrow = wide.as(DataType.FLOAT32);
        Tensor out64 = stage.apply(wide);
        Tensor out32 = stage.apply(narrow);
        Tensor v = Tensor.wrap(gaussian(random, out64.size()), out64.shape());

        assertThat(out32.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(out32.maxAbsDifference(out64.as(DataType.FLOAT32))).isLessThan(1e-5);
        Tensor g32 = stage.vectorJacobianProduct(narrow, v.as(DataType.FLOAT32));
        assertThat(g32.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(g32.maxAbsDifference(stage.vectorJacobianProduct(wide, v).as(DataType.FLOAT32)))
                .isLessThan(1e-5);
    }

    private static double dot(Tensor a, Tensor b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.getDouble(i) * b.getDouble(i);
        }
        return sum;
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
