package org.deepjunit.model.tensorflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Conv;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.KLayer;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.MaxPool;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;

/**
 * A float64 forward pass computed here from a fixture spec's weights, per sample, NHWC: the independent
 * reference that the Keras-layout SavedModels' activations and gradients are checked against.
 */
final class KerasReferenceForwardPass {

    private KerasReferenceForwardPass() {}

    static Map<String, double[]> forward(Spec spec, double[] input) {
        return forward(spec, input, null);
    }

    /**
     * The forward pass; when {@code piece} is not null, appends the sign of every ReLU input and the
     * argmax of every max-pool window (which linear piece of the network the input is in).
     */
    static Map<String, double[]> forward(Spec spec, double[] input, List<Integer> piece) {
        Map<String, double[]> out = new LinkedHashMap<>();
        double[] cur = input;
        int[] dims = spec.inputShape().clone();
        for (KLayer l : spec.layers()) {
            if (l instanceof Dense d) {
                double[] y = new double[d.out()];
                for (int o = 0; o < d.out(); o++) {
                    double s = d.bias()[o];
                    for (int i = 0; i < d.in(); i++) {
                        s += cur[i] * d.kernel()[i * d.out() + o];
                    }
                    y[o] = s;
                }
                cur = activate(y, d.activation(), piece);
                dims = new int[] {d.out()};
            } else if (l instanceof Conv c) {
                int h = dims[0] - c.k() + 1;
                int w = dims[1] - c.k() + 1;
                double[] y = new double[h * w * c.out()];
                for (int r = 0; r < h; r++) {
                    for (int q = 0; q < w; q++) {
                        for (int o = 0; o < c.out(); o++) {
                            double s = c.bias()[o];
                            for (int ky = 0; ky < c.k(); ky++) {
                                for (int kx = 0; kx < c.k(); kx++) {
                                    for (int i = 0; i < c.in(); i++) {
                                        s += cur[((r + ky) * dims[1] + q + kx) * c.in() + i]
                                                * c.kernel()[((ky * c.k() + kx) * c.in() + i) * c.out() + o];
                                    }
                                }
                            }
                            y[(r * w + q) * c.out() + o] = s;
                        }
                    }
                }
                cur = activate(y, c.activation(), piece);
                dims = new int[] {h, w, c.out()};
            } else if (l instanceof MaxPool p) {
                int h = dims[0] / p.size();
                int w = dims[1] / p.size();
                int ch = dims[2];
                double[] y = new double[h * w * ch];
                for (int r = 0; r < h; r++) {
                    for (int q = 0; q < w; q++) {
                        for (int c = 0; c < ch; c++) {
                            double m = Double.NEGATIVE_INFINITY;
                            int arg = -1;
                            for (int a = 0; a < p.size(); a++) {
                                for (int b = 0; b < p.size(); b++) {
                                    double v = cur[((r * p.size() + a) * dims[1] + q * p.size() + b) * ch + c];
                                    if (v > m) {
                                        m = v;
                                        arg = a * p.size() + b;
                                    }
                                }
                            }
                            y[(r * w + q) * ch + c] = m;
                            if (piece != null && m > 0) { // windows of ReLU zeros carry no gradient
                                piece.add(arg);
                            }
                        }
                    }
                }
                cur = y;
                dims = new int[] {h, w, ch};
            } else if (l instanceof KerasSavedModelFixtures.Flatten) {
                dims = new int[] {cur.length};
            }
            out.put(l.name(), cur);
        }
        return out;
    }

    private static double[] activate(double[] y, String activation, List<Integer> piece) {
        if ("relu".equals(activation)) {
            double[] r = y.clone();
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(0, r[i]);
                if (piece != null) {
                    piece.add(y[i] > 0 ? 1 : 0);
                }
            }
            return r;
        }
        if ("softmax".equals(activation)) {
            double max = java.util.Arrays.stream(y).max().orElse(0);
            double[] e = new double[y.length];
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                e[i] = Math.exp(y[i] - max);
                sum += e[i];
            }
            for (int i = 0; i < e.length; i++) {
                e[i] /= sum;
            }
            return e;
        }
        return y;
    }
}
