package org.deepjunit.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Reads and writes serialized ONNX {@code TensorProto}s of floats and doubles: the {@code input_K.pb} and
 * {@code output_K.pb} files of ONNX's test-data layout, and the weights of models built in Java. Values may be in
 * {@code raw_data} (little-endian) or in the typed fields; the element count must match the dimensions.
 */
final class TensorProtos {

    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int FLOAT_DATA = 4;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    private static final int DOUBLE_DATA = 10;
    private static final int EXTERNAL_DATA = 13;

    private TensorProtos() {}

    /** A named tensor as read: its name may be empty. */
    record Named(String name, Tensor tensor) {}

    static Named read(byte[] proto) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        List<Double> typed = new ArrayList<>();
        ProtoReader in = new ProtoReader(proto);
        while (in.next()) {
            switch (in.field()) {
                case DIMS -> in.longs(dims::add);
                case DATA_TYPE -> type = (int) in.varint();
                case FLOAT_DATA -> in.floats(typed::add);
                case DOUBLE_DATA -> in.doubles(typed::add);
                case NAME -> name = in.string();
                case RAW_DATA -> raw = in.bytes();
                case EXTERNAL_DATA ->
                    throw new MalformedProtoException(
                            "tensor '" + name + "' keeps its data in an external file, which is not supported");
                default -> in.skip();
            }
        }
        if (type != OnnxGraph.FLOAT && type != OnnxGraph.DOUBLE) {
            throw new MalformedProtoException("tensor '" + name + "' has element type " + type
                    + "; only float (1) and double (11) tensors are supported");
        }
        long count = 1;
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d < 0 || d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE) {
                throw new MalformedProtoException("tensor '" + name + "' has invalid dimensions " + dims);
            }
            shape[i] = (int) d;
        }
        int width = type == OnnxGraph.FLOAT ? 4 : 8;
        long stored = raw != null ? raw.length / width : typed.size();
        if (stored != count || (raw != null && raw.length % width != 0)) {
            throw new MalformedProtoException("tensor '" + name + "' has dimensions " + dims + " (" + count
                    + " values) but holds " + stored + " values");
        }
        return new Named(name, values(type, raw, typed, (int) count, shape));
    }

    private static Tensor values(int type, byte[] raw, List<Double> typed, int count, int[] shape) {
        ByteBuffer buffer = raw == null ? null : ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (type == OnnxGraph.FLOAT) {
            float[] data = new float[count];
            for (int i = 0; i < count; i++) {
                data[i] = buffer != null ? buffer.getFloat() : typed.get(i).floatValue();
            }
            return Tensor.wrap(data, Shape.of(shape));
        }
        double[] data = new double[count];
        for (int i = 0; i < count; i++) {
            data[i] = buffer != null ? buffer.getDouble() : typed.get(i);
        }
        return Tensor.wrap(data, Shape.of(shape));
    }

    /**
     * Where a float or double TensorProto holds NaN or infinity ({@code "weight 'conv1_W' = NaN at index 7"}), or null
     * when it holds none or is of another type: a corrupt weight found before ONNX Runtime computes with it.
     */
    static String firstNonFinite(byte[] proto) {
        int type = 0;
        String name = "";
        byte[] raw = null;
        int[] index = {0};
        double[] bad = {Double.NaN};
        boolean[] found = {false};
        java.util.function.DoubleConsumer check = v -> {
            if (!found[0] && !Double.isFinite(v)) {
                found[0] = true;
                bad[0] = v;
            } else if (!found[0]) {
                index[0]++;
            }
        };
        ProtoReader in = new ProtoReader(proto);
        while (in.next()) {
            switch (in.field()) {
                case DATA_TYPE -> type = (int) in.varint();
                case FLOAT_DATA -> in.floats(check);
                case DOUBLE_DATA -> in.doubles(check);
                case NAME -> name = in.string();
                case RAW_DATA -> raw = in.bytes();
                default -> in.skip();
            }
        }
        if (raw != null && (type == OnnxGraph.FLOAT || type == OnnxGraph.DOUBLE)) {
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int width = type == OnnxGraph.FLOAT ? 4 : 8;
            while (buffer.remaining() >= width && !found[0]) {
                check.accept(type == OnnxGraph.FLOAT ? buffer.getFloat() : buffer.getDouble());
            }
        }
        return found[0] ? "weight '" + name + "' = " + bad[0] + " at index " + index[0] : null;
    }

    /** A float or double TensorProto with {@code raw_data}, as ONNX's tools write test data and weights. */
    static byte[] write(String name, Tensor tensor) {
        ProtoWriter out = new ProtoWriter();
        out.packedLongs(
                DIMS,
                java.util.Arrays.stream(tensor.shape().dims()).asLongStream().toArray());
        boolean isFloat = tensor.dataType() == org.deepjunit.model.DataType.FLOAT32;
        out.varint(DATA_TYPE, isFloat ? OnnxGraph.FLOAT : OnnxGraph.DOUBLE);
        if (!name.isEmpty()) {
            out.string(NAME, name);
        }
        ByteBuffer raw = ByteBuffer.allocate(tensor.size() * (isFloat ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        if (isFloat) {
            raw.asFloatBuffer().put(tensor.toFloatArray());
        } else {
            raw.asDoubleBuffer().put(tensor.toDoubleArray());
        }
        return out.bytes(RAW_DATA, raw.array()).toByteArray();
    }
}
