package org.deepjunit.coverage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * A hand-set network in plain Java, so that every coverage figure can be worked out by hand:
 * input (2) → dense1 = relu(x·W1 + b1), 3 units → out = h·W2, 2 units (linear).
 * W1 = [[1, -1, 0], [0, 1, 1]], b1 = [0, 0, -1]; W2 = [[1, 0], [0, 1], [1, 1]].
 * E.g. x = (1, 0) gives dense1 (1, 0, 0), out (1, 0); x = (0, 2) gives dense1 (0, 2, 1), out (1, 3).
 */
public final class TinyModel extends ObservedModel {

    static final double[][] W1 = {{1, -1, 0}, {0, 1, 1}};
    static final double[] B1 = {0, 0, -1};
    static final double[][] W2 = {{1, 0}, {0, 1}, {1, 1}};

    private final String name;

    public TinyModel(String name) {
        this.name = name;
    }

    public static Tensor inputs(double... xy) {
        return Tensor.of(xy, xy.length / 2, 2);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return Shape.of(2);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(2);
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT64;
    }

    @Override
    public List<Layer> layers() {
        return List.of(
                new Layer("input", LayerKind.INPUT, Shape.of(2)),
                new Layer("dense1", LayerKind.DENSE, Shape.of(3)),
                new Layer("out", LayerKind.DENSE, Shape.of(2)));
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        return computeActivations(inputs, List.of()).output();
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        int n = inputs.batchSize();
        double[] x = inputs.toDoubleArray();
        double[] h = new double[n * 3];
        double[] o = new double[n * 2];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < 3; j++) {
                double v = B1[j];
                for (int i = 0; i < 2; i++) {
                    v += x[s * 2 + i] * W1[i][j];
                }
                h[s * 3 + j] = Math.max(0, v);
            }
            for (int j = 0; j < 2; j++) {
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    v += h[s * 3 + i] * W2[i][j];
                }
                o[s * 2 + j] = v;
            }
        }
        Map<String, Tensor> all = new LinkedHashMap<>();
        Tensor out = Tensor.of(o, n, 2);
        for (String l : layerNames) {
            switch (l) {
                case "input" -> all.put(l, inputs);
                case "dense1" -> all.put(l, Tensor.of(h, n, 3));
                case "out" -> all.put(l, out);
                default -> layer(l);
            }
        }
        return new Activations(all, out);
    }

    @Override
    public void close() {}
}
