package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable tensor stage's vector–Jacobian product against central finite differences in double
 * precision: for random x and v, entry i of vᵀ·J is (⟨v, f(x + h·eᵢ)⟩ − ⟨v, f(x − h·eᵢ)⟩) / 2h.
 */
class TensorStageGradientTest {

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of(Tensors.scale(0.5, 0.1), Shape.of(2, 3)),
                Arguments.of(
                        Tensors.standardize(new double[] {0.1, -0.2, 0.3}, new double[] {0.5, 2, 4}), Shape.of(2, 3)),
                Arguments.of(Tensors.standardize(new double[] {0.5}, new double[] {0.25}), Shape.of(5)),
                Arguments.of(Tensors.reshape(3, 2), Shape.of(2, 3)),
                Arguments.of(Tensors.l2Normalize(0), Shape.of(3, 4)),
                Arguments.of(Tensors.l2Normalize(1), Shape.of(3, 4)),
                Arguments.of(Tensors.l2Normalize(1), Shape.of(2, 3, 2)),
                Arguments.of(Tensors.clip(-0.6, 0.6), Shape.of(7)),
                Arguments.of(TensorStage.renamed("second", Tensors.l2Normalize(0)), Shape.of(4)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("stages")
    void vectorJacobianProductMatchesCentralDifferences(TensorStage stage, Shape sample) {
        assertThat(stage).isInstanceOf(DifferentiableStage.class);
        Random random = new Random(stage.name().hashCode() * 31L + sample.hashCode());
        int batch = 2;
        double[] x = gaussian(random, batch * sample.size());
        Shape out = stage.outputShape(sample).withBatch(batch);
        double[] v = gaussian(random, out.size());
        Tensor input = Tensor.of(x, sample.withBatch(batch).dims());
        double[] vjp = ((DifferentiableStage) stage)
                .vectorJacobianProduct(input, Tensor.of(v, out.dims()))
                .toDoubleArray();
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (dot(
                                    v, stage.apply(Tensor.of(plus, input.shape().dims())))
                            - dot(v, stage.apply(Tensor.of(minus, input.shape().dims()))))
                    / (2 * h);
            assertThat(vjp[i]).as("element %d", i).isCloseTo(difference, within(1e-7));
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // away from clip's bounds, where the derivative jumps
            double value;
            do {
                value = random.nextGaussian();
            } while (Math.abs(Math.abs(value) - 0.6) < 1e-3);
            values[i] = value;
        }
        return values;
    }

    private static double dot(double[] v, Tensor t) {
        double[] y = t.toDoubleArray();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += v[i] * y[i];
        }
        return sum;
    }
}
