package org.deepjunit.pipeline;

import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Divides every vector along one axis of a sample by its L2 norm, leaving all-zero vectors as they are: Keras'
 * {@code tf.keras.utils.normalize(x, axis=a + 1)}, whose axis counts the batch.
 */
final class L2NormalizeStage implements DifferentiableStage {

    private final String name;
    private final int axis;

    L2NormalizeStage(String name, int axis) {
        if (axis < 0) {
            throw new IllegalArgumentException("Stage '" + name + "': axis must be >= 0 (an axis of the sample,"
                    + " not counting the batch), was " + axis);
        }
        this.name = name;
        this.axis = axis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (axis >= input.rank()) {
            throw new StageException(
                    name,
                    "normalises along sample axis " + axis + ", but the input sample " + input + " has " + input.rank()
                            + " axes");
        }
        return input;
    }

    @Override
    public Tensor apply(Tensor input) {
        double[] x = input.toDoubleArray();
        Vectors v = vectors(input);
        for (int base : v.bases) {
            double norm = v.norm(x, base);
            for (int j = 0; j < v.length; j++) {
                x[base + j * v.stride] /= norm;
            }
        }
        return Elementwise.like(input, x);
    }

    /** For y = x/r: vᵀ·∂y/∂x = (v − y·(y·v)) / r, and v where the vector is all zeros (y = x there). */
    @Override
    public Tensor vectorJacobianProduct(Tensor input, Tensor outputGradient) {
        Elementwise.checkGradient(this, input, outputGradient);
        double[] x = input.toDoubleArray();
        double[] g = outputGradient.toDoubleArray();
        Vectors v = vectors(input);
        for (int base : v.bases) {
            double norm = v.norm(x, base);
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                int i = base + j * v.stride;
                dot += x[i] / norm * g[i];
            }
            for (int j = 0; j < v.length; j++) {
                int i = base + j * v.stride;
                g[i] = (g[i] - x[i] / norm * dot) / norm;
            }
        }
        return Elementwise.like(input, g);
    }

    private Vectors vectors(Tensor input) {
        Shape sample = outputShape(input.shape().withoutBatch());
        int length = sample.dim(axis);
        int stride = 1;
        for (int a = axis + 1; a < sample.rank(); a++) {
            stride *= sample.dim(a);
        }
        int count = input.size() / length;
        int[] bases = new int[count];
        int n = 0;
        for (int block = 0; block < input.size(); block += length * stride) {
            for (int s = 0; s < stride; s++) {
                bases[n++] = block + s;
            }
        }
        return new Vectors(bases, length, stride);
    }

    /** The first index of every vector along the axis, the vectors' length and the distance between elements. */
    private record Vectors(int[] bases, int length, int stride) {
        double norm(double[] x, int base) {
            double sum = 0;
            for (int j = 0; j < length; j++) {
                double value = x[base + j * stride];
                sum += value * value;
            }
            return sum == 0 ? 1 : Math.sqrt(sum);
        }
    }

    @Override
    public String toString() {
        return name + "(axis " + axis + ")";
    }
}
