package org.deepjunit.pipeline;

import java.util.Arrays;

/**
 * A resize along one axis as a sparse {@code [outSize, inSize]} matrix: for each output index, the input indices it
 * reads and their weights (rows may repeat an index). Applied to an array viewed as {@code [outer, size, inner]};
 * {@link #transpose} applies the transposed matrix, the resize's vector–Jacobian product along that axis.
 */
final class AxisWeights {

    private final int inSize;
    private final int outSize;
    private final int[] rowStart;
    private int[] index = new int[16];
    private double[] weight = new double[16];
    private int count;
    private int row;

    AxisWeights(int inSize, int outSize) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.rowStart = new int[outSize + 1];
    }

    /** Adds {@code weight · in[index]} to output {@code out}; rows must be added in order. */
    void add(int out, int in, double w) {
        if (out < row) {
            throw new IllegalStateException("Row " + out + " after row " + row);
        }
        while (row < out) {
            rowStart[++row] = count;
        }
        if (count == index.length) {
            index = Arrays.copyOf(index, count * 2);
            weight = Arrays.copyOf(weight, count * 2);
        }
        index[count] = in;
        weight[count++] = w;
        rowStart[out + 1] = count;
    }

    /** Ends the last rows (those with no entries are zero rows); returns this. */
    AxisWeights done() {
        while (row < outSize) {
            rowStart[++row] = count;
        }
        return this;
    }

    /** {@code out[o][k][i] = Σj w[k][j] · x[o][index(k, j)][i]} for {@code x} viewed as {@code [outer, inSize, inner]}. */
    double[] apply(double[] x, int outer, int inner) {
        return multiply(x, outer, inner, false);
    }

    /** The transpose of {@link #apply}: {@code g} viewed as {@code [outer, outSize, inner]} back to {@code inSize}. */
    double[] transpose(double[] g, int outer, int inner) {
        return multiply(g, outer, inner, true);
    }

    private double[] multiply(double[] x, int outer, int inner, boolean transposed) {
        double[] out = new double[outer * (transposed ? inSize : outSize) * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < outSize; k++) {
                int outRow = (o * outSize + k) * inner;
                for (int j = rowStart[k]; j < rowStart[k + 1]; j++) {
                    int inRow = (o * inSize + index[j]) * inner;
                    int src = transposed ? outRow : inRow;
                    int dst = transposed ? inRow : outRow;
                    double w = weight[j];
                    for (int i = 0; i < inner; i++) {
                        out[dst + i] += w * x[src + i];
                    }
                }
            }
        }
        return out;
    }
}
