package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.model.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absurd dimensions in a Keras architecture or a DL4J configuration.json are refused before ND4J sees them: a
 * stride of 2147483647 crashed the JVM (SIGSEGV in libnd4jcpu), and a kernel of 3.5 was blamed on the input shape.
 */
class Dl4jConfigBoundsTest {

    @TempDir
    Path dir;

    /** lenet1.json with one field of one layer replaced. */
    private Path editedLenet1(String name, String from, String to) throws IOException {
        String json = Files.readString(Dl4jDeepXploreMnistTest.resource("lenet1.json"));
        int at = json.indexOf(from);
        String edited = json.substring(0, at) + to + json.substring(at + from.length());
        return Files.writeString(dir.resolve(name), edited);
    }

    @Test
    void hugePoolingStrideIsRefusedNotACrash() throws IOException {
        Path json = editedLenet1(
                "pool-stride.json",
                "\"padding\": \"valid\", \"strides\": [2, 2]",
                "\"padding\": \"valid\", \"strides\": [2147483647, 2]");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, Dl4jDeepXploreMnistTest.resource("Model1.h5")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("layer 'block1_pool1'")
                .hasMessageContaining("strides = [2147483647,2]")
                .hasMessageContaining("between 1 and 65536");
    }

    @Test
    void hugeConvolutionStrideIsRefusedNotACrash() throws IOException {
        Path json = editedLenet1("conv-stride.json", "\"strides\": [1, 1]", "\"strides\": [2147483647, 1]");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, Dl4jDeepXploreMnistTest.resource("Model1.h5")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("layer 'block1_conv1'")
                .hasMessageContaining("strides = [2147483647,1]");
    }

    @Test
    void fractionalOrNegativeKerasDimensionsAreRefused() throws IOException {
        Path filters = editedLenet1("filters.json", "\"filters\": 4", "\"filters\": 4.5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(filters, Dl4jDeepXploreMnistTest.resource("Model1.h5")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("layer 'block1_conv1' has filters = 4.5")
                .hasMessageContaining("a whole number");
        Path kernel = editedLenet1("kernel.json", "\"kernel_size\": [5, 5]", "\"kernel_size\": [-5, 5]");
        assertThatThrownBy(() -> Dl4jModel.importKeras(kernel, Dl4jDeepXploreMnistTest.resource("Model1.h5")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("layer 'block1_conv1' has kernel_size = [-5,5]");
    }

    @Test
    void cnnZipWithFractionalKernelIsBlamedOnTheKernel() throws IOException {
        Path zip = Dl4jZips.cnnWithConfig(
                dir, "kernel.zip", c -> c.replaceFirst("\"kernelSize\" : \\[ 3, 3 \\]", "\"kernelSize\" : [ 3.5, 3 ]"));
        assertThatThrownBy(() -> Dl4jModel.load(zip, 8, 8, 2))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("layer 'conv' has kernelSize = [3.5,3]")
                .hasMessageContaining("a whole number");
    }

    @Test
    void cnnZipWithNegativeStrideIsBlamedOnTheStride() throws IOException {
        Path zip = Dl4jZips.cnnWithConfig(
                dir, "stride.zip", c -> c.replaceFirst("\"stride\" : \\[ 1, 1 \\]", "\"stride\" : [ -7, 1 ]"));
        assertThatThrownBy(() -> Dl4jModel.load(zip, 8, 8, 2))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(zip.toString())
                .hasMessageContaining("layer 'conv' has stride = [-7,1]")
                .hasMessageContaining("between 1 and 65536");
    }
}
