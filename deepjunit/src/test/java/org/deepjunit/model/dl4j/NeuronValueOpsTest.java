package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.NonFiniteValueException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NeuronValueOps} on both of its paths (the Java pass for dense and small layers, ND4J's reductions for large
 * convolution outputs) against plain loops over every value, and its refusal of any value that is not finite.
 */
class NeuronValueOpsTest {

    private static Dl4jModel model; // names the model in the errors

    @BeforeAll
    static void model() {
        model = Dl4jModel.builder(Dl4jTestNets.mlp(9)).name("named").build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Shape, neuron axis and type: a wide dense layer, small ones, and a convolution output past the Java pass. */
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of(new long[] {3, 40_000}, 1, DataType.FLOAT),
                Arguments.of(new long[] {3, 7}, 1, DataType.DOUBLE),
                Arguments.of(new long[] {2, 5, 6, 4}, 3, DataType.FLOAT),
                Arguments.of(new long[] {2, 4, 5, 6}, 1, DataType.DOUBLE),
                Arguments.of(new long[] {40, 4, 16, 16}, 1, DataType.FLOAT),
                Arguments.of(new long[] {40, 16, 16, 4}, 3, DataType.DOUBLE));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void valuesAreEachNeuronsMeanAndEachInputsExtremes(long[] shape, int axis, DataType type) {
        INDArray a = Nd4j.rand(type, shape).subi(0.5).muli(8);
        double[] flat = a.dup('c').data().asDouble();
        int batch = (int) shape[0];
        int neurons = (int) shape[axis];
        int perSample = flat.length / batch;
        long stride = 1; // distance between neighbours along the neuron axis, in row-major order
        for (int d = axis + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        double[] sums = new double[batch * neurons];
        double[] mins = new double[batch];
        double[] maxs = new double[batch];
        for (int s = 0; s < batch; s++) {
            mins[s] = Double.POSITIVE_INFINITY;
            maxs[s] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < perSample; i++) {
                double x = flat[s * perSample + i];
                sums[s * neurons + (int) (i / stride % neurons)] += x;
                mins[s] = Math.min(mins[s], x);
                maxs[s] = Math.max(maxs[s], x);
            }
        }
        int positions = perSample / neurons;

        NeuronValues.LayerValues values = NeuronValueOps.layerValues(model, "x", a, axis);

        assertThat(values.batch()).isEqualTo(batch);
        assertThat(values.neurons()).isEqualTo(neurons);
        assertThat(values.mins()).containsExactly(mins);
        assertThat(values.maxs()).containsExactly(maxs);
        double[] means = values.means();
        for (int i = 0; i < sums.length; i++) {
            assertThat(means[i]).as("mean %d", i).isCloseTo(sums[i] / positions, within(1e-5));
        }
    }

    @ParameterizedTest
    @MethodSource("layers")
    void aValueThatIsNotFiniteIsReportedWhereverItIs(long[] shape, int axis, DataType type) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            INDArray a = Nd4j.rand(type, shape);
            long at = a.length() * 2 / 3; // neither the first nor the last value
            a.putScalar(at, bad);

            assertThatThrownBy(() -> NeuronValueOps.layerValues(model, "x", a, axis))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("Model 'named' produced " + bad + " in layer 'x'");
        }
    }
}
