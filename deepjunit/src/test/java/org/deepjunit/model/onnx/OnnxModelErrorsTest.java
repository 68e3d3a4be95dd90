package org.deepjunit.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deepjunit.model.onnx.OnnxGraphBuilder.Attribute.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deepjunit.model.DataType;
import org.deepjunit.model.InputShapeException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.NonFiniteValueException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and bad inputs fail before ONNX Runtime sees them, with messages that name the file and the fix. */
class OnnxModelErrorsTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static OnnxGraphBuilder relu(String input, long... dims) {
        return new OnnxGraphBuilder()
                .input(input, dims)
                .node("Relu", List.of(input), "out")
                .output("out", dims);
    }

    @Test
    void wrongShapesAndNonFiniteInputsAreRefusedBeforeOnnxRuntime() throws IOException {
        try (OnnxModel lenet = OnnxModel.load(write("lenet1.onnx", OnnxLeNets.bytes(LeNet.LENET1)))) {
            assertThat(lenet.inputShape()).isEqualTo(Shape.of(28, 28, 1));
            assertThatThrownBy(() -> lenet.predict(Tensor.zeros(DataType.FLOAT32, Shape.of(2, 1, 28, 28))))
                    .isInstanceOf(InputShapeException.class)
                    .hasMessageContaining("expected [batch, 28, 28, 1]");
            assertThatThrownBy(() -> lenet.predict(Tensor.zeros(DataType.FLOAT32, Shape.of(2, 784))))
                    .isInstanceOf(InputShapeException.class);
            float[] nan = new float[784];
            nan[5] = Float.NaN;
            assertThatThrownBy(() -> lenet.predict(Tensor.of(nan, 1, 28, 28, 1)))
                    .isInstanceOf(NonFiniteValueException.class);
            // the other float type is converted, as for every adapter
            Tensor doubles = Tensor.zeros(DataType.FLOAT64, Shape.of(1, 28, 28, 1));
            assertThat(lenet.predict(doubles)).isEqualTo(lenet.predict(doubles.as(DataType.FLOAT32)));
        }
    }

    @Test
    void inputsOfAnotherElementTypeAreRefusedAtLoad() throws IOException {
        byte[] int64 = new ProtoWriter()
                .varint(1, 8)
                .bytes(
                        7,
                        new ProtoWriter()
                                .bytes(
                                        1,
                                        new ProtoWriter()
                                                .string(1, "x")
                                                .string(2, "y")
                                                .string(4, "Identity")
                                                .toByteArray())
                                .bytes(11, valueInfo("x", 7, 3))
                                .bytes(12, valueInfo("y", 7, 3))
                                .toByteArray())
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))
                .toByteArray();
        Path file = write("ids.onnx", int64);
        assertThatThrownBy(() -> OnnxModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("ids.onnx")
                .hasMessageContaining("element type 7")
                .hasMessageContaining("float (1) and double (11)");
    }

    @Test
    void corruptTruncatedMissingAndForeignFilesNameTheFile() throws IOException {
        byte[] healthy = OnnxLeNets.bytes(LeNet.LENET1);
        Path truncated = write("truncated.onnx", Arrays.copyOf(healthy, healthy.length / 2));
        assertThatThrownBy(() -> OnnxModel.load(truncated))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("truncated.onnx is not a valid ONNX model")
                .hasMessageContaining("remain");
        Path png = write("digit.onnx", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        assertThatThrownBy(() -> OnnxModel.load(png))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("digit.onnx is not a valid ONNX model");
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("absent.onnx")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("absent.onnx does not exist");
        assertThatThrownBy(() -> OnnxModel.fromClasspath("models/absent.onnx").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("classpath:models/absent.onnx is not on the classpath");
    }

    @Test
    void aPinnedHashCatchesAChangedFileAndClasspathModelsArePinnedToo() throws IOException {
        Path file = write("lenet1.onnx", OnnxLeNets.bytes(LeNet.LENET1));
        String other = "0".repeat(64);
        assertThatThrownBy(() -> OnnxModel.builder(file).sha256(other).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("was pinned");
        try (OnnxModel fromClasspath =
                        OnnxModel.fromClasspath("onnx-mnist/mnist-8.onnx").build();
                OnnxModel fromFile = OnnxModel.load(OnnxModelZooMnistTest.dir().resolve("mnist-8.onnx"))) {
            assertThat(fromClasspath.name()).isEqualTo("mnist-8");
            assertThat(fromClasspath.files().sha256())
                    .isEqualTo(fromFile.files().sha256());
        }
    }

    @Test
    void severalInputsNeedAChoiceAndUnknownNamesListTheKnownOnes() throws IOException {
        Path file = write(
                "two.onnx",
                new OnnxGraphBuilder()
                        .input("a", -1, 4)
                        .input("b", -1, 4)
                        .node("Add", List.of("a", "b"), "sum")
                        .output("sum", -1, 4)
                        .build());
        assertThatThrownBy(() -> OnnxModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has inputs [a, b]")
                .hasMessageContaining(".input(\"a\")");
        assertThatThrownBy(() -> OnnxModel.builder(file).input("c").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has no input 'c'; its inputs are [a, b]");
        assertThatThrownBy(() -> OnnxModel.builder(
                                write("relu.onnx", relu("x", -1, 4).build()))
                        .layer("nothing")
                        .build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no value 'nothing'")
                .hasMessageContaining("[out]");
    }

    @Test
    void symbolicSampleDimensionsAndAbsurdOnesAreRefused() throws IOException {
        Path symbolic = write("symbolic.onnx", relu("x", -1, -1, 4).build());
        assertThatThrownBy(() -> OnnxModel.load(symbolic))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("symbolic.onnx")
                .hasMessageContaining("axis 1");
        Path huge = write("huge.onnx", relu("x", -1, 99999999999L, 4).build());
        assertThatThrownBy(() -> OnnxModel.load(huge))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("huge.onnx")
                .hasMessageContaining("more than the 268435456 values per sample");
    }

    @Test
    void aLayerInsideAnIfBodyIsRefusedByName() throws IOException {
        byte[] body = new OnnxGraphBuilder()
                .node("Relu", List.of("x"), "inner")
                .output("inner", -1, 4)
                .graph("then");
        byte[] otherBody = new OnnxGraphBuilder()
                .node("Neg", List.of("x"), "negated")
                .output("negated", -1, 4)
                .graph("else");
        Path file = write(
                "branchy.onnx",
                new OnnxGraphBuilder()
                        .input("x", -1, 4)
                        .initializer("flag", Tensor.of(new float[] {1}, 1))
                        .node("ReduceSum", List.of("x"), "total")
                        .node("Greater", List.of("total", "flag"), "positive")
                        .node(
                                "If",
                                List.of("positive"),
                                "chosen",
                                graph("then_branch", body),
                                graph("else_branch", otherBody))
                        .output("chosen", -1, 4)
                        .build());
        assertThatThrownBy(() -> OnnxModel.builder(file).layer("inner").build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Layer 'inner'")
                .hasMessageContaining("inside the body of If node 'chosen_node'")
                .hasMessageContaining("only values of the main graph");
    }

    @Test
    void aNanWeightIsRefusedNamingTheWeight() throws IOException {
        Path file = write(
                "nan.onnx",
                new OnnxGraphBuilder()
                        .input("x", -1, 2)
                        .initializer("w", Tensor.of(new float[] {1, Float.NaN, 3, 4}, 2, 2))
                        .node("MatMul", List.of("x", "w"), "y")
                        .output("y", -1, 2)
                        .build());
        assertThatThrownBy(() -> OnnxModel.load(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("nan.onnx holds weight 'w' = NaN at index 1");
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> OnnxModel.builder(dir.resolve("any.onnx")).threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static byte[] valueInfo(String name, int elemType, long size) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "N"))
                .message(1, new ProtoWriter().varint(1, size));
        return new ProtoWriter()
                .string(1, name)
                .message(
                        2,
                        new ProtoWriter()
                                .message(
                                        1, new ProtoWriter().varint(1, elemType).message(2, shape)))
                .toByteArray();
    }
}
