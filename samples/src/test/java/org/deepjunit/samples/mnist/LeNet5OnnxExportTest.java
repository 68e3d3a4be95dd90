package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.DifferentialAgainst;
import org.deepjunit.TestModel;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

/**
 * The same model, exported for serving: DeepXplore's LeNet-5 as the DL4J model the team tests, and the ONNX file a
 * service runs on ONNX Runtime ({@code models/lenet5.onnx}, laid out as {@code torch.onnx.export} writes it: NCHW
 * input, dynamic batch). Every batch the test classifies with the export also goes through the DL4J model, and every
 * probability must agree within 1e-5: an export that runs but computes something else fails here. The export has
 * the same 268 neurons, by the same names, as the DL4J model.
 */
@DifferentialAgainst(model = "lenet5-onnx", reference = "lenet5", absoluteTolerance = 1e-5, relativeTolerance = 0)
class LeNet5OnnxExportTest {

    @TestModel("lenet5-onnx")
    static Model exported() {
        return OnnxModel.fromClasspath("models/lenet5.onnx").name("lenet5-onnx").build();
    }

    @TestModel("lenet5")
    static Model dl4j() {
        return LeNets.dl4j(5);
    }

    @Test
    void theExportClassifiesTheFirstThousandDigits(@TestModel("lenet5-onnx") Model exported) {
        Dataset mnist = LeNets.mnistTestSet();
        int correct = 0;
        for (int from = 0; from < 1000; from += 250) {
            int[] indices = LeNetAccuracyTest.range(from, from + 250);
            int[] predicted = exported.predict(mnist.batch(indices)).argMax();
            for (int i = 0; i < indices.length; i++) {
                correct += predicted[i] == mnist.label(indices[i]).getAsInt() ? 1 : 0;
            }
        }
        assertThat(exported.layers().stream().mapToInt(l -> l.neuronCount()).sum()).isEqualTo(268);
        assertThat(correct).as("digits the ONNX export classifies correctly of the first 1000")
                .isGreaterThanOrEqualTo(980);
    }
}
