package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the corrupt-model fuzz: values that DL4J accepts at load and fails on later, blaming the input shape or
 * the model instead of the file.
 */
class Dl4jCorruptValuesTest {

    @TempDir
    Path dir;

    @Test
    void nanWeightsAreRefusedAtLoadNamingTheFile() throws IOException {
        MultiLayerNetwork net = Dl4jTestNets.mlp(12);
        net.getLayer(0).getParam("W").putScalar(2, Double.NaN);
        Path zip = dir.resolve("nan.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        assertThatThrownBy(() -> Dl4jModel.load(zip))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("layer 'hidden' has NaN or infinite values in its parameter W");
    }

    @Test
    void nullKernelInConfigurationIsBlamedOnTheKernel() throws IOException {
        Path zip = Dl4jZips.cnnWithConfig(
                dir, "null-kernel.zip", c -> c.replaceFirst("\"kernelSize\" : \\[ 3, 3 \\]", "\"kernelSize\" : null"));
        assertThatThrownBy(() -> Dl4jModel.load(zip, 8, 8, 2))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("layer 'conv' has kernelSize = null");
    }

    @Test
    void emptyPaddingInConfigurationIsBlamedOnThePadding() throws IOException {
        Path zip = Dl4jZips.cnnWithConfig(
                dir, "empty-padding.zip", c -> c.replaceFirst("\"padding\" : \\[ 0, 0 \\]", "\"padding\" : [ ]"));
        assertThatThrownBy(() -> Dl4jModel.load(zip, 8, 8, 2))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("has padding = []");
    }
}
