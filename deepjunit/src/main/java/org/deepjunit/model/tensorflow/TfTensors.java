package org.deepjunit.model.tensorflow;

import org.deepjunit.model.DataType;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Copies between DeepJUnit tensors and TensorFlow tensors. */
final class TfTensors {

    private TfTensors() {}

    /** A new native tensor holding {@code t} converted to {@code type}; the caller closes it. */
    static org.tensorflow.Tensor toTf(Tensor t, DataType type) {
        Shape shape = Shape.of(toLongs(t.shape().dims()));
        if (type == DataType.FLOAT32) {
            return TFloat32.tensorOf(shape, DataBuffers.of(t.toFloatArray(), true, false));
        }
        return TFloat64.tensorOf(shape, DataBuffers.of(t.toDoubleArray(), true, false));
    }

    /** A new native tensor of the given shape and values; the caller closes it. */
    static org.tensorflow.Tensor toTf(double[] values, DataType type, long... shape) {
        if (type == DataType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(f, true, false));
        }
        return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /** Copies a native float or double tensor into a DeepJUnit tensor of the same type. */
    static Tensor fromTf(org.tensorflow.Tensor t, String what) {
        long[] dims = t.shape().asArray();
        org.deepjunit.model.Shape shape = org.deepjunit.model.Shape.ofLongs(dims);
        int n = Math.toIntExact(t.shape().size());
        switch (t.dataType()) {
            case DT_FLOAT: {
                float[] data = new float[n];
                t.asRawTensor().data().asFloats().read(data);
                return Tensor.wrap(data, shape);
            }
            case DT_DOUBLE: {
                double[] data = new double[n];
                t.asRawTensor().data().asDoubles().read(data);
                return Tensor.wrap(data, shape);
            }
            default:
                throw new ModelException(what + " has type " + t.dataType()
                        + "; DeepJUnit reads float32 (DT_FLOAT) and float64 (DT_DOUBLE) tensors only");
        }
    }

    /** The elements of a native float or double tensor, as a new {@code float[]} or {@code double[]}. */
    static Object values(org.tensorflow.Tensor t, String what) {
        int n = Math.toIntExact(t.shape().size());
        switch (t.dataType()) {
            case DT_FLOAT: {
                float[] data = new float[n];
                t.asRawTensor().data().asFloats().read(data);
                return data;
            }
            case DT_DOUBLE: {
                double[] data = new double[n];
                t.asRawTensor().data().asDoubles().read(data);
                return data;
            }
            default:
                throw new ModelException(what + " has type " + t.dataType()
                        + "; DeepJUnit reads float32 (DT_FLOAT) and float64 (DT_DOUBLE) tensors only");
        }
    }

    static long[] toLongs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }
}
