package org.deepjunit.model.dl4j;

import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between DeepJUnit's {@link Tensor}s and ND4J arrays, row-major, in the type each side computes in. */
final class Dl4jTensors {

    private Dl4jTensors() {}

    /** An ND4J array of {@code t}'s shape and values, cast to {@code type}. */
    static INDArray toNd(Tensor t, org.nd4j.linalg.api.buffer.DataType type) {
        long[] shape = longs(t.shape().dims());
        INDArray a = t.dataType() == DataType.FLOAT64
                ? Nd4j.create(t.toDoubleArray(), shape, 'c')
                : Nd4j.create(t.toFloatArray(), shape, 'c');
        return a.dataType() != type ? a.castTo(type) : a;
    }

    /** A tensor of {@code a}'s shape and values in {@code type}. */
    static Tensor fromNd(INDArray a, DataType type) {
        int[] shape = new int[a.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(a.size(i));
        }
        INDArray flat = Nd4j.toFlattened('c', a);
        if (type == DataType.FLOAT64) {
            return Tensor.wrap(
                    flat.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector(), Shape.of(shape));
        }
        return Tensor.wrap(
                flat.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector(), Shape.of(shape));
    }

    static long[] longs(int[] dims) {
        long[] result = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            result[i] = dims[i];
        }
        return result;
    }
}
