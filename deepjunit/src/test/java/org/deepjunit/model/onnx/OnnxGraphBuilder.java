package org.deepjunit.model.onnx;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.Tensor;

/**
 * Builds small ONNX models in Java, field by field as onnx.proto numbers them (IR 8, opset 13), so that tests can
 * make twins of networks they know: written with {@link ProtoWriter}, read back by ONNX Runtime's own parser.
 */
final class OnnxGraphBuilder {

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int opset = 13;

    /** A float input; a dimension of -1 is symbolic ("N"). */
    OnnxGraphBuilder input(String name, long... dims) {
        inputs.add(valueInfo(name, OnnxGraph.FLOAT, dims));
        return this;
    }

    OnnxGraphBuilder output(String name, long... dims) {
        outputs.add(valueInfo(name, OnnxGraph.FLOAT, dims));
        return this;
    }

    OnnxGraphBuilder opset(int version) {
        this.opset = version;
        return this;
    }

    OnnxGraphBuilder initializer(String name, Tensor value) {
        initializers.add(TensorProtos.write(name, value));
        return this;
    }

    OnnxGraphBuilder node(String op, List<String> in, String out, Attribute... attributes) {
        ProtoWriter node = new ProtoWriter();
        in.forEach(i -> node.string(1, i));
        node.string(2, out).string(3, out + "_node").string(4, op);
        for (Attribute a : attributes) {
            node.bytes(5, a.bytes());
        }
        nodes.add(node.toByteArray());
        return this;
    }

    /** A node attribute: its name and its AttributeProto bytes. */
    record Attribute(String name, byte[] bytes) {

        private static Attribute of(String name, ProtoWriter value) {
            return new Attribute(
                    name,
                    new ProtoWriter().string(1, name).raw(value.toByteArray()).toByteArray());
        }

        static Attribute ints(String name, long... values) {
            return of(name, new ProtoWriter().varint(20, 7).packedLongs(8, values));
        }

        static Attribute integer(String name, long value) {
            return of(name, new ProtoWriter().varint(20, 2).varint(3, value));
        }

        static Attribute graph(String name, byte[] graph) {
            return of(name, new ProtoWriter().varint(20, 5).bytes(6, graph));
        }
    }

    /** The GraphProto alone, as the body of an If or Loop node. */
    byte[] graph(String name) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.bytes(5, t));
        inputs.forEach(v -> graph.bytes(11, v));
        outputs.forEach(v -> graph.bytes(12, v));
        return graph.toByteArray();
    }

    byte[] build() {
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "deepjunit-tests")
                .bytes(7, graph("main"))
                .message(8, new ProtoWriter().string(1, "").varint(2, opset))
                .toByteArray();
    }

    private static byte[] valueInfo(String name, int elemType, long[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter()
                .string(1, name)
                .message(2, new ProtoWriter().message(1, tensorType))
                .toByteArray();
    }
}
