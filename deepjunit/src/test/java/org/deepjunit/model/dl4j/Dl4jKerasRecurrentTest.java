package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tf.keras 2 LSTM (64 units, orthogonal recurrent initialiser) imports in seconds: DL4J's orthogonal
 * initialisation, which the imported weights overwrite anyway, ran for minutes and then crashed the JVM. Its passes
 * (predict and a layer's values, twice on one thread) equal DL4J's own {@code output}.
 */
class Dl4jKerasRecurrentTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void lstmWithOrthogonalInitialiserImportsQuickly() throws Exception {
        Path json = Dl4jDeepXploreMnistTest.resource("../keras-lstm/lstm64.json");
        Path h5 = dir.resolve("lstm64.h5");
        KerasHdf5Writer.write(
                h5,
                Map.of(
                        "lstm",
                                Map.of(
                                        "kernel:0", new long[] {8, 256},
                                        "recurrent_kernel:0", new long[] {64, 256},
                                        "bias:0", new long[] {256}),
                        "dense", Map.of("kernel:0", new long[] {64, 3}, "bias:0", new long[] {3})),
                11);
        try (Dl4jModel model = Dl4jModel.importKeras(json, h5)) {
            assertThat(model.inputShape()).isEqualTo(Shape.of(20, 8));
            assertThat(model.outputShape()).isEqualTo(Shape.of(3));
            Tensor x = Dl4jTestNets.randomDoubles(1, 1, 2, 20, 8);
            Tensor out = model.predict(x);
            assertThat(out.shape().dims()).containsExactly(2, 3);

            // a second pass and the layers' values on the same thread, against DL4J's own output
            assertThat(model.predict(x).toDoubleArray()).containsExactly(out.toDoubleArray());
            assertThat(model.activations(x, java.util.List.of("dense"))
                            .layer("dense")
                            .toDoubleArray())
                    .containsExactly(out.toDoubleArray());
            // DL4J's own inference on the same import (with the adapter's cheap initialiser, see KerasNets)
            MultiLayerNetwork reference = Hdf5Access.locked(() -> KerasNets.sequential(
                    new KerasModel()
                            .modelBuilder()
                            .enforceTrainingConfig(false)
                            .modelJson(Files.readString(json))
                            .weightsHdf5FilenameNoRoot(h5.toString())
                            .buildSequential(),
                    "reference"));
            INDArray expected = reference.output(
                    Nd4j.create(x.toDoubleArray(), new long[] {2, 20, 8}, 'c').castTo(DataType.FLOAT));
            assertThat(out.toDoubleArray()).containsExactly(expected.reshape(6).toDoubleVector());
        }
    }
}
