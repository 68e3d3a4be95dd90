package org.deepjunit.model.onnx;

import static org.deepjunit.model.onnx.OnnxGraphBuilder.Attribute.integer;
import static org.deepjunit.model.onnx.OnnxGraphBuilder.Attribute.ints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.onnx.OnnxGraphBuilder.Attribute;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;

/**
 * ONNX twins of DeepXplore's LeNets with the Keras weights, laid out as a PyTorch export would be: NCHW input with
 * a dynamic batch, convolution kernels {@code [out, in, kh, kw]}, a Transpose back to (h, w, c) before the flatten
 * so that the dense weights keep Keras' order. Values are named as Keras named its layers.
 */
public final class OnnxLeNets {

    /** What {@link #withAbsurd} may set to an absurd value: attributes of the first block, or the input's height. */
    public static final List<String> TWEAKABLE =
            List.of("kernel_shape", "strides", "pads", "dilations", "pool", "flatten_axis", "input");

    private OnnxLeNets() {}

    public static byte[] bytes(LeNet net) {
        return withAbsurd(net, "", 0);
    }

    /** The twin with one of {@link #TWEAKABLE} set to {@code value}, as a corrupt or hostile file might have it. */
    public static byte[] withAbsurd(LeNet net, String tweak, long value) {
        OnnxGraphBuilder g = new OnnxGraphBuilder().input("input", -1, 1, tweak.equals("input") ? value : 28, 28);
        Attribute extra = switch (tweak) {
            case "kernel_shape" -> ints("kernel_shape", value, 5);
            case "strides" -> ints("strides", value, value);
            case "pads" -> ints("pads", value, 2, 2, 2);
            case "dilations" -> ints("dilations", value, value);
            default -> null;
        };
        conv(g, net, "block1_conv1", "input", 1, net.conv1(), extra);
        g.node(
                "MaxPool",
                List.of("block1_conv1"),
                "block1_pool1",
                ints("kernel_shape", tweak.equals("pool") ? value : 2, 2),
                ints("strides", 2, 2));
        conv(g, net, "block2_conv1", "block1_pool1", net.conv1(), net.conv2(), null);
        g.node("MaxPool", List.of("block2_conv1"), "block2_pool1", ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        g.node("Transpose", List.of("block2_pool1"), "channels_last", ints("perm", 0, 2, 3, 1));
        g.node(
                "Flatten",
                List.of("channels_last"),
                "flatten",
                integer("axis", tweak.equals("flatten_axis") ? value : 1));
        String previous = "flatten";
        int in = 7 * 7 * net.conv2();
        int[] hidden = net.hidden();
        for (int i = 0; i < hidden.length; i++) {
            String name = "fc" + (i + 1);
            dense(g, net, name, previous, in, hidden[i], name + "_linear");
            g.node("Relu", List.of(name + "_linear"), name);
            previous = name;
            in = hidden[i];
        }
        dense(g, net, "before_softmax", previous, in, 10, "before_softmax");
        g.node("Softmax", List.of("before_softmax"), "predictions", integer("axis", 1));
        return g.output("predictions", -1, 10).build();
    }

    public static Path write(LeNet net, Path dir) {
        try {
            return Files.write(dir.resolve(net.modelName() + ".onnx"), bytes(net));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void conv(
            OnnxGraphBuilder g, LeNet net, String layer, String input, int in, int out, Attribute replacing) {
        double[] keras = DeepXploreModels.weights(net, layer, "kernel"); // [kh, kw, in, out]
        float[] kernel = new float[out * in * 25];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 5; x++) {
                        kernel[((o * in + c) * 5 + y) * 5 + x] = (float) keras[((y * 5 + x) * in + c) * out + o];
                    }
                }
            }
        }
        g.initializer(layer + "_W", Tensor.of(kernel, out, in, 5, 5));
        g.initializer(layer + "_B", Tensor.of(floats(DeepXploreModels.weights(net, layer, "bias")), out));
        g.node(
                "Conv",
                List.of(input, layer + "_W", layer + "_B"),
                layer + "_linear",
                ints("kernel_shape", 5, 5),
                ints("pads", 2, 2, 2, 2));
        g.node("Relu", List.of(layer + "_linear"), layer);
    }

    private static void dense(
            OnnxGraphBuilder g, LeNet net, String layer, String input, int in, int out, String output) {
        g.initializer(layer + "_W", Tensor.of(floats(DeepXploreModels.weights(net, layer, "kernel")), in, out));
        g.initializer(layer + "_B", Tensor.of(floats(DeepXploreModels.weights(net, layer, "bias")), out));
        g.node("Gemm", List.of(input, layer + "_W", layer + "_B"), output);
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
