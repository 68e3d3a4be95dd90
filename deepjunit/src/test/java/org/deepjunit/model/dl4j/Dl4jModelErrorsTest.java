package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deepjunit.model.InputShapeException;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.NonFiniteValueException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.UnknownLayerException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Bad files and bad requests give the SPI's exceptions with messages that say what was expected. */
class Dl4jModelErrorsTest {

    @TempDir
    Path dir;

    private Path randomBytes(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void corruptZip() throws IOException {
        Path file = randomBytes("corrupt.zip", 4096);
        assertThatThrownBy(() -> Dl4jModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a DL4J ModelSerializer zip")
                .hasMessageContaining("not a readable zip archive");
    }

    @Test
    void truncatedZip() throws IOException {
        Path full = dir.resolve("full.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(5), full.toFile(), true);
        byte[] bytes = Files.readAllBytes(full);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Dl4jModel.load(truncated))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void zipWithoutConfiguration() throws IOException {
        Path file = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Dl4jModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a DL4J ModelSerializer zip: missing configuration.json")
                .hasMessageContaining("readme.txt");
    }

    @Test
    void zipWithCorruptCoefficients() throws IOException {
        Path full = dir.resolve("full.zip");
        ModelSerializer.writeModel(Dl4jTestNets.mlp(5), full.toFile(), false);
        Path file = dir.resolve("badcoefficients.zip");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(full.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("coefficients.bin")) {
                    out.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
                } else {
                    in.getInputStream(e).transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> Dl4jModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot restore the DL4J MultiLayerNetwork");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nothing-here.zip");
        assertThatThrownBy(() -> Dl4jModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("expected a DL4J ModelSerializer zip");
        Path json = Dl4jDeepXploreMnistTest.resource("lenet1.json");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("Keras HDF5 weights file");
    }

    @Test
    void corruptHdf5() throws IOException {
        Path file = randomBytes("corrupt.h5", 2048);
        Path json = Dl4jDeepXploreMnistTest.resource("lenet1.json");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an HDF5 file");
        assertThatThrownBy(() -> Dl4jModel.importKeras(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an HDF5 file");
    }

    @Test
    void truncatedHdf5() throws IOException {
        byte[] bytes = Files.readAllBytes(Dl4jDeepXploreMnistTest.resource("Model1.h5"));
        Path file = Files.write(dir.resolve("truncated.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path json = Dl4jDeepXploreMnistTest.resource("lenet1.json");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void weightsOnlyFileGivenAsWholeModel() {
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(h5))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(h5.toString())
                .hasMessageContaining("no model_config")
                .hasMessageContaining("importKeras(architectureJson, weightsH5)");
    }

    @Test
    void notJsonArchitecture() throws IOException {
        Path json = Files.writeString(dir.resolve("arch.json"), "this is { not json");
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, h5))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void unknownLayerInActivationsAndObjective() {
        try (Dl4jModel model = Dl4jModel.of(Dl4jTestNets.mlp(6))) {
            Tensor x = Dl4jTestNets.randomDoubles(1, 1, 2, 4);
            assertThatThrownBy(() -> model.activations(x, List.of("hidden", "nope")))
                    .isInstanceOf(UnknownLayerException.class)
                    .hasMessage("Unknown layer 'nope'; the model has layers [hidden, out]");
            assertThatThrownBy(() -> model.inputGradient(
                            x, Objective.builder().neuron("fc9", 0, 1).build()))
                    .isInstanceOf(UnknownLayerException.class)
                    .hasMessage("Unknown layer 'fc9'; the model has layers [hidden, out]");
            assertThatThrownBy(() -> model.inputGradient(
                            x, Objective.builder().neuron("hidden", 5, 1).build()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("has 5 (valid indices 0..4)");
        }
    }

    @Test
    void wrongInputShape() {
        try (Dl4jModel model = Dl4jModel.builder(Dl4jTestNets.cnn(7))
                .name("cnn")
                .inputShape(8, 8, 2)
                .build()) {
            Tensor wrongRank = Dl4jTestNets.randomDoubles(1, 1, 2, 128);
            assertThatThrownBy(() -> model.predict(wrongRank))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessage("Input of shape [2, 128] does not fit model 'cnn': expected [batch, 8, 8, 2]");
            Tensor wrongSize = Dl4jTestNets.randomDoubles(1, 1, 2, 8, 7, 2);
            assertThatThrownBy(() -> model.inputGradient(
                            wrongSize, Objective.builder().logit(0, 1).build()))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessage("Input of shape [2, 8, 7, 2] does not fit model 'cnn': expected [batch, 8, 8, 2]");
            Tensor noBatch = Dl4jTestNets.randomDoubles(1, 1, 8, 8, 2);
            assertThatThrownBy(() -> model.activations(noBatch))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessageContaining("add the batch dimension first");
        }
    }

    @Test
    void cnnWithoutInputShapeSaysHowToGiveIt() {
        MultiLayerNetwork cnn = Dl4jTestNets.cnn(8);
        assertThatThrownBy(() -> Dl4jModel.of(cnn))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("Cannot tell the input shape")
                .hasMessageContaining("ConvolutionLayer")
                .hasMessageContaining("inputShape(28, 28, 1)");
        assertThatThrownBy(() -> Dl4jModel.builder(cnn).inputShape(64).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("expects rank 3 per sample (height, width, channels)");
    }

    @Test
    void nanInOutput() {
        MultiLayerNetwork net = Dl4jTestNets.mlp(9);
        net.getLayer(1).getParam("b").putScalar(1, Double.NaN);
        try (Dl4jModel model = Dl4jModel.builder(net).name("broken").build()) {
            Tensor x = Dl4jTestNets.randomDoubles(1, 1, 2, 4);
            assertThatThrownBy(() -> model.predict(x))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("Model 'broken' produced NaN in its output for input sample 0");
            assertThatThrownBy(() -> model.activations(x))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("produced NaN in layer 'out'");
            assertThatThrownBy(() -> model.neuronValues(x, List.of("out")))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("produced NaN in layer 'out'");
            assertThatThrownBy(() -> model.inputGradient(
                            x, Objective.builder().logit(1, 1).build()))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("in the input gradient");
            // Asking for a healthy layer still reports the broken output that comes with it.
            assertThatThrownBy(() -> model.activations(x, List.of("hidden")))
                    .isInstanceOf(NonFiniteValueException.class)
                    .hasMessageContaining("produced NaN in its output");
        }
    }

    @Test
    void gradientOfAGraphThatIsNotAChainIsRefusedClearly() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(3).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(3).build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(6)
                                .nOut(2)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        "merge")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        try (Dl4jModel model = Dl4jModel.of(graph)) {
            Tensor x = Dl4jTestNets.randomDoubles(1, 1, 2, 4);
            assertThat(model.predict(x).shape().dims()).containsExactly(2, 2);
            assertThat(model.layer("merge").kind()).isEqualTo(org.deepjunit.model.LayerKind.MERGE);
            assertThatThrownBy(() -> model.inputGradient(
                            x, Objective.builder().logit(0, 1).build()))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("vertex 'merge' (MergeVertex)")
                    .hasMessageContaining("not supported");
        }
    }

    @Test
    void closedModelRefusesWork() {
        Dl4jModel model = Dl4jModel.of(Dl4jTestNets.mlp(10));
        model.close();
        model.close();
        assertThatThrownBy(() -> model.predict(Dl4jTestNets.randomDoubles(1, 1, 1, 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
