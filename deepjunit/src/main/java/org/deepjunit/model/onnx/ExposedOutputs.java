package org.deepjunit.model.onnx;

import java.util.Collection;

/**
 * Adds graph outputs to a serialized ONNX model, so that ONNX Runtime returns hidden values: its Java API cannot
 * edit a graph, but it loads the edited bytes. An output is given by name only (ONNX Runtime infers its type);
 * every other byte of the model is kept, so the original outputs are computed exactly as before.
 */
final class ExposedOutputs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;

    private ExposedOutputs() {}

    static byte[] expose(byte[] model, Collection<String> values) {
        ProtoWriter extra = new ProtoWriter();
        for (String value : values) {
            extra.message(GRAPH_OUTPUT, new ProtoWriter().string(VALUE_INFO_NAME, value));
        }
        ProtoWriter edited = new ProtoWriter();
        ProtoReader in = new ProtoReader(model);
        int start = in.position();
        while (in.next()) {
            if (in.field() == MODEL_GRAPH && in.wireType() == ProtoReader.LENGTH_DELIMITED) {
                byte[] graph = in.bytes();
                edited.bytes(MODEL_GRAPH, concat(graph, extra.toByteArray()));
            } else {
                in.skip();
                edited.raw(in.slice(start, in.position()));
            }
            start = in.position();
        }
        return edited.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
