package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.model.tensorflow.KerasFixtureModels.fixture;
import static org.deepjunit.model.tensorflow.KerasReferenceForwardPass.forward;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels with the layout Python Keras / TF2 writes (committed fixtures under
 * {@code keras-savedmodels/}, made by {@link KerasSavedModelFixtures}): every layer is found and named
 * as Keras named it, hidden activations equal a forward pass computed here by hand from the weights,
 * the output equals the signature's own output bit for bit, and the generator reproduces the fixtures.
 * Input gradients are checked in {@link KerasSavedModelGradientTest}.
 */
class KerasSavedModelTest {

    static TensorFlowModel dense;
    static TensorFlowModel cnn;
    static final Tensor X = Mnist.images(0, 4);

    @BeforeAll
    static void load() {
        dense = TensorFlowModel.load(fixture("dense"));
        cnn = TensorFlowModel.load(fixture("cnn"));
    }

    @AfterAll
    static void close() {
        dense.close();
        cnn.close();
    }

    @Test
    void everyLayerIsNamedAsKerasNamedItWithItsKindAndNeuronCount() {
        assertThat(dense.layers())
                .extracting(Layer::toString)
                .containsExactly(
                        "flatten (flatten, [784])",
                        "dense (dense, [32])",
                        "dropout (dropout, [32])",
                        "dense_1 (dense, [10])");
        assertThat(cnn.layers())
                .extracting(Layer::toString)
                .containsExactly(
                        "conv2d (convolution, [26, 26, 4])", "max_pooling2d (pooling, [13, 13, 4])",
                        "conv2d_1 (convolution, [11, 11, 8])", "max_pooling2d_1 (pooling, [5, 5, 8])",
                        "flatten (flatten, [200])", "dense (dense, [10])");
        assertThat(cnn.layer("conv2d_1").neuronCount()).isEqualTo(8);
        assertThat(cnn.inputShape()).isEqualTo(Shape.of(28, 28, 1));
        assertThat(cnn.outputIsProbabilities()).isTrue();
        assertThat(dense.toString())
                .contains("2 function call(s) inlined")
                .contains("Keras metadata in keras_metadata.pb");
        assertThat(cnn.toString()).contains("Keras metadata in the SavedModel's object graph");
    }

    @Test
    void hiddenActivationsOfEveryLayerEqualAHandComputedForwardPass() {
        check(dense, KerasSavedModelFixtures.dense());
        check(cnn, KerasSavedModelFixtures.cnn());
    }

    private static void check(TensorFlowModel model, Spec spec) {
        Activations acts = model.activations(X);
        for (int s = 0; s < X.batchSize(); s++) {
            Map<String, double[]> expected = forward(spec, X.sample(s).toDoubleArray());
            assertThat(acts.layerNames()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, double[]> e : expected.entrySet()) {
                double[] got = acts.layer(e.getKey()).sample(s).toDoubleArray();
                assertThat(got).as(e.getKey()).hasSize(e.getValue().length);
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i])
                            .as(e.getKey() + "[" + i + "]")
                            .isCloseTo(
                                    e.getValue()[i],
                                    org.assertj.core.data.Offset.offset(2e-5 + 2e-5 * Math.abs(e.getValue()[i])));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "cnn"})
    void outputEqualsTheSignaturesOwnOutputExactly(String name) {
        TensorFlowModel model = name.equals("dense") ? dense : cnn;
        float[] x = X.toFloatArray();
        try (SavedModelBundle raw = SavedModelBundle.load(fixture(name).toString(), "serve");
                TFloat32 in = TFloat32.tensorOf(
                        org.tensorflow.ndarray.Shape.of(4, 28, 28, 1), DataBuffers.of(x, true, false));
                Result r = raw.session()
                        .runner()
                        .feed("serving_default_input_1", in)
                        .fetch("StatefulPartitionedCall:0")
                        .run()) {
            float[] sig = new float[40];
            r.get(0).asRawTensor().data().asFloats().read(sig);
            assertThat(model.predict(X).toFloatArray()).containsExactly(sig);
            assertThat(model.activations(X).output().toFloatArray()).containsExactly(sig);
        }
    }

    @Test
    void theGeneratorReproducesTheCommittedFixtures(@TempDir Path dir) throws Exception {
        // Regenerated into a temporary directory (not over the committed files, which tests read
        // concurrently): the weights, the Keras metadata and everything the adapter sees must match.
        KerasSavedModelFixtures.main(new String[] {dir.toString()});
        for (String name : List.of("dense", "cnn")) {
            for (String f : List.of("variables/variables.index", "variables/variables.data-00000-of-00001")) {
                assertThat(Files.readAllBytes(dir.resolve(name).resolve(f)))
                        .as(name + "/" + f)
                        .isEqualTo(Files.readAllBytes(fixture(name).resolve(f)));
            }
            try (TensorFlowModel fresh = TensorFlowModel.load(dir.resolve(name))) {
                TensorFlowModel committed = name.equals("dense") ? dense : cnn;
                assertThat(fresh.layers()).isEqualTo(committed.layers());
                assertThat(fresh.predict(X).toFloatArray())
                        .containsExactly(committed.predict(X).toFloatArray());
            }
        }
        assertThat(Files.readAllBytes(dir.resolve("dense/keras_metadata.pb")))
                .isEqualTo(Files.readAllBytes(fixture("dense").resolve("keras_metadata.pb")));
    }
}
