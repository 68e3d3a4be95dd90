package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import org.deepjunit.DifferentialAgainst;
import org.deepjunit.TestModel;
import org.deepjunit.model.Model;
import org.deepjunit.model.onnx.OnnxTestData;
import org.junit.jupiter.api.Test;

/**
 * Java against Python: the ONNX Model Zoo ships its MNIST model with three inputs and the outputs Python's ONNX
 * Runtime gave for them ({@code onnx/mnist-8/test_data_set_N/}, ONNX's test-data layout). Every input the test feeds
 * the Java build also goes to those recorded outputs, and every logit must agree within 1e-5 (+1e-5 relative). A
 * recorded reference answers only its own inputs: any other input fails the test with a message saying so.
 */
@DifferentialAgainst(model = "mnist-8", reference = "mnist-8 in Python", absoluteTolerance = 1e-5,
        relativeTolerance = 1e-5)
class ModelZooMnistPythonTest {

    @TestModel("mnist-8")
    static Model mnist8() {
        return ModelZooMnistTest.mnist8();
    }

    @TestModel("mnist-8 in Python")
    static Model recordedInPython() {
        try (Model mnist = mnist8()) {
            return OnnxTestData.read(LeNets.resource(ModelZooMnistTest.DIR)).reference(mnist);
        }
    }

    @Test
    void reproducesTheOutputsRecordedInPython(@TestModel("mnist-8") Model mnist) {
        OnnxTestData recorded = OnnxTestData.read(LeNets.resource(ModelZooMnistTest.DIR));
        assertThat(mnist.predict(recorded.inputs(mnist)).argMax())
                .containsExactly(recorded.outputs(mnist).argMax());
    }
}
