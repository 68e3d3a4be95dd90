package org.deepjunit.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX twin of DeepXplore's LeNet-5, built in Java with the Keras weights in PyTorch's layout, against the DL4J
 * import and the TensorFlow twin of the same weights: the same 268 neurons, every layer within 1e-5, the same
 * coverage neuron for neuron.
 */
class OnnxLeNetTwinTest {

    private static final double TOLERANCE = 1e-5;

    private static OnnxModel onnx;
    private static Model dl4j;
    private static Model tf;
    private static Tensor images;

    @BeforeAll
    static void load(@TempDir Path dir) {
        onnx = OnnxModel.load(OnnxLeNets.write(LeNet.LENET5, dir));
        dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
        tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("tf"));
        images = Mnist.images(0, 100);
    }

    @AfterAll
    static void close() {
        onnx.close();
        dl4j.close();
        tf.close();
    }

    @Test
    void countsDeepXploresLayersAnd268Neurons() {
        assertThat(onnx.layers())
                .extracting(Layer::name)
                .containsExactly(
                        "block1_conv1",
                        "block1_pool1",
                        "block2_conv1",
                        "block2_pool1",
                        "fc1",
                        "fc2",
                        "before_softmax",
                        "predictions");
        assertThat(onnx.layers())
                .extracting(Layer::kind)
                .containsExactly(
                        LayerKind.CONVOLUTION,
                        LayerKind.POOLING,
                        LayerKind.CONVOLUTION,
                        LayerKind.POOLING,
                        LayerKind.DENSE,
                        LayerKind.DENSE,
                        LayerKind.DENSE,
                        LayerKind.ACTIVATION);
        assertThat(onnx.layers().stream().mapToInt(Layer::neuronCount).sum()).isEqualTo(268);
        assertThat(counted(dl4j))
                .extracting(Layer::name)
                .containsExactlyElementsOf(
                        onnx.layers().stream().map(Layer::name).toList());
    }

    @Test
    void everyLayerAgreesWithDl4jAndTensorFlowWithin1e5() {
        Activations fromOnnx = onnx.activations(images);
        for (Model other : List.of(dl4j, tf)) {
            Activations expected = other.activations(
                    images, onnx.layers().stream().map(Layer::name).toList());
            for (Layer layer : onnx.layers()) {
                Tensor a = fromOnnx.layer(layer.name());
                Tensor b = expected.layer(layer.name());
                assertThat(a.shape()).as("%s vs %s", layer, other.name()).isEqualTo(b.shape());
                assertThat(a.maxAbsDifference(b))
                        .as("%s vs %s", layer, other.name())
                        .isLessThanOrEqualTo(TOLERANCE);
            }
            assertThat(onnx.predict(images).maxAbsDifference(other.predict(images)))
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void coverageAgreesNeuronForNeuron() {
        ModelCoverage fromOnnx = coverage(onnx);
        for (Model other : List.of(dl4j, tf)) {
            ModelCoverage expected = coverage(other);
            int compared = 0;
            for (Layer layer : onnx.layers()) {
                LayerCoverage a = fromOnnx.layers().get(layer.name());
                LayerCoverage b = expected.layers().get(layer.name());
                for (int j = 0; j < a.neurons(); j++) {
                    for (double t : new double[] {0, 0.25, 0.5, 0.75}) {
                        assertThat(a.covered(j, t, true))
                                .as("%s[%d] NC(t=%s) vs %s", layer.name(), j, t, other.name())
                                .isEqualTo(b.covered(j, t, true));
                    }
                    assertThat(a.covered(j, 0, false)).isEqualTo(b.covered(j, 0, false));
                    assertThat(a.maxRaw(j)).isCloseTo(b.maxRaw(j), org.assertj.core.data.Offset.offset(TOLERANCE));
                    assertThat(a.minRaw(j)).isCloseTo(b.minRaw(j), org.assertj.core.data.Offset.offset(TOLERANCE));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(268);
        }
    }

    @Test
    void exposingHiddenOutputsLeavesTheFinalOutputBitIdentical() throws Exception {
        byte[] plain = OnnxLeNets.bytes(LeNet.LENET5);
        List<String> hidden = onnx.layers().stream().map(Layer::name).toList();
        try (ai.onnxruntime.OrtSession a = ortSession(plain);
                ai.onnxruntime.OrtSession b = ortSession(ExposedOutputs.expose(plain, hidden))) {
            assertThat(b.getOutputNames()).containsAll(hidden);
            float[] x = images.samples(0, 64).toFloatArray();
            float[] fromPlain = run(a, x);
            float[] fromExposed = run(b, x);
            assertThat(fromExposed).containsExactly(fromPlain);
        }
        // and through the adapter: predict uses the unedited session, activations the edited one
        assertThat(onnx.activations(images).output()).isEqualTo(onnx.predict(images));
    }

    @Test
    void theSamplesShipThisTwin() throws java.io.IOException {
        // written by exec:exec@sample-models; a change to the twin must be exported again
        Path shipped = Path.of("../samples/src/test/resources/models/lenet5.onnx");
        assertThat(java.nio.file.Files.readAllBytes(shipped)).isEqualTo(OnnxLeNets.bytes(LeNet.LENET5));
    }

    @Test
    void occlusionNeedsNoGradientAndAgreesWithDl4j() {
        Tensor digit = images.sample(0);
        Tensor fromOnnx = org.deepjunit.explain.Explain.occlusion(onnx)
                .patch(4, 4)
                .stride(4, 4)
                .explain(digit)
                .values();
        Tensor fromDl4j = org.deepjunit.explain.Explain.occlusion(dl4j)
                .patch(4, 4)
                .stride(4, 4)
                .explain(digit)
                .values();
        assertThat(fromOnnx.maxAbsDifference(fromDl4j)).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void theBlackBoxSquareAttackRunsOnOnnxRuntime() {
        org.deepjunit.data.Dataset data = new org.deepjunit.data.Dataset(
                "mnist[0,20)",
                images.shape().withoutBatch(),
                images.samples(0, 20).toFloatArray(),
                Mnist.labels(0, 20));
        org.deepjunit.robustness.SquareAttack square =
                org.deepjunit.robustness.Attacks.square(0.3).queries(100).seed(3);
        org.deepjunit.robustness.RobustnessResult onOnnx =
                org.deepjunit.robustness.Robustness.of(onnx, data).run(square);
        org.deepjunit.robustness.RobustnessResult onDl4j =
                org.deepjunit.robustness.Robustness.of(dl4j, data).run(square);
        assertThat(onOnnx.cleanAccuracy()).isEqualTo(onDl4j.cleanAccuracy());
        assertThat(onOnnx.queries()).isPositive();
        assertThat(onOnnx.fooled()).isPositive();
        assertThat(Math.abs(onOnnx.fooled() - onDl4j.fooled())).isLessThanOrEqualTo(1);
    }

    private static ai.onnxruntime.OrtSession ortSession(byte[] model) throws Exception {
        return ai.onnxruntime.OrtEnvironment.getEnvironment()
                .createSession(model, new ai.onnxruntime.OrtSession.SessionOptions());
    }

    private static float[] run(ai.onnxruntime.OrtSession session, float[] channelsLast) throws Exception {
        long[] shape = {64, 1, 28, 28};
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        // one channel: channels-last and channels-first hold the same values in the same order
        try (ai.onnxruntime.OnnxTensor in =
                        ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(channelsLast), shape);
                ai.onnxruntime.OrtSession.Result r =
                        session.run(java.util.Map.of("input", in), java.util.Set.of("predictions"))) {
            float[] out = new float[64 * 10];
            ((ai.onnxruntime.OnnxTensor) r.get("predictions").orElseThrow())
                    .getFloatBuffer()
                    .get(out);
            return out;
        }
    }

    private static ModelCoverage coverage(Model model) {
        List<Layer> counted = counted(model);
        ModelCoverage coverage = new ModelCoverage(model.name(), "fp", RecordingSpec.defaults(), null, counted);
        coverage.record(
                model.neuronValues(images, counted.stream().map(Layer::name).toList()));
        return coverage;
    }

    private static List<Layer> counted(Model model) {
        return model.layers().stream().filter(l -> l.kind().countedByDefault()).toList();
    }
}
