package org.deepjunit.model.onnx;

import java.util.List;
import java.util.SplittableRandom;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/** Input gradients estimated from an {@link OnnxModel}'s own outputs, as a {@link GradientEstimate} says. */
final class EstimatedGradients implements GradientSource {

    /** Perturbed copies per ONNX Runtime call: bounds memory for large inputs. */
    private static final int ROWS_PER_CALL = 256;

    private final GradientEstimate estimate;
    private final int inputSize;

    EstimatedGradients(GradientEstimate estimate, int inputSize) {
        this.estimate = estimate;
        this.inputSize = inputSize;
    }

    @Override
    public Tensor inputGradient(OnnxModel model, Tensor inputs, Objective objective) {
        List<Objective.Term> terms =
                objective.terms().stream().filter(t -> t.weight() != 0).toList();
        int n = inputs.batchSize();
        int d = inputs.size() / n;
        double[] x = inputs.toDoubleArray();
        double[] gradient = new double[x.length];
        for (int s = 0; s < n; s++) {
            int sample = s;
            List<Objective.Term> own =
                    terms.stream().filter(t -> t.appliesTo(sample)).toList();
            if (own.isEmpty()) {
                continue;
            }
            double[] xs = java.util.Arrays.copyOfRange(x, s * d, (s + 1) * d);
            double[] g = estimate instanceof GradientEstimate.Spsa spsa
                    ? spsa(model, inputs.shape().withoutBatch(), xs, own, spsa, s)
                    : finiteDifferences(
                            model,
                            inputs.shape().withoutBatch(),
                            xs,
                            own,
                            ((GradientEstimate.FiniteDifferences) estimate).step());
            System.arraycopy(g, 0, gradient, s * d, d);
        }
        return Tensor.wrap(gradient, inputs.shape()).as(inputs.dataType());
    }

    private static double[] finiteDifferences(
            OnnxModel model, Shape shape, double[] x, List<Objective.Term> terms, double h) {
        int d = x.length;
        double[] g = new double[d];
        for (int from = 0; from < d; from += ROWS_PER_CALL / 2) {
            int to = Math.min(d, from + ROWS_PER_CALL / 2);
            int rows = 2 * (to - from);
            float[] batch = new float[rows * d];
            double[] denominators = new double[to - from];
            for (int e = from; e < to; e++) {
                int r = 2 * (e - from);
                float plus = (float) (x[e] + h);
                float minus = (float) (x[e] - h);
                for (int k = 0; k < d; k++) {
                    batch[r * d + k] = (float) x[k];
                    batch[(r + 1) * d + k] = (float) x[k];
                }
                batch[r * d + e] = plus;
                batch[(r + 1) * d + e] = minus;
                // the step actually taken after rounding to float, so the quotient is not biased by it
                denominators[e - from] = (double) plus - (double) minus;
            }
            double[] f = model.objectiveValues(Tensor.wrap(batch, shape.withBatch(rows)), terms);
            for (int e = from; e < to; e++) {
                int r = 2 * (e - from);
                g[e] = (f[r] - f[r + 1]) / denominators[e - from];
            }
        }
        return g;
    }

    private static double[] spsa(
            OnnxModel model, Shape shape, double[] x, List<Objective.Term> terms, GradientEstimate.Spsa spsa, int s) {
        int d = x.length;
        double c = spsa.step();
        double[] g = new double[d];
        SplittableRandom random = new SplittableRandom(spsa.seed() * 31 + s);
        int perCall = Math.max(1, ROWS_PER_CALL / 2);
        for (int from = 0; from < spsa.samples(); from += perCall) {
            int count = Math.min(perCall, spsa.samples() - from);
            float[] batch = new float[2 * count * d];
            byte[][] directions = new byte[count][d];
            for (int k = 0; k < count; k++) {
                for (int e = 0; e < d; e++) {
                    directions[k][e] = (byte) (random.nextBoolean() ? 1 : -1);
                    batch[(2 * k) * d + e] = (float) (x[e] + c * directions[k][e]);
                    batch[(2 * k + 1) * d + e] = (float) (x[e] - c * directions[k][e]);
                }
            }
            double[] f = model.objectiveValues(Tensor.wrap(batch, shape.withBatch(2 * count)), terms);
            for (int k = 0; k < count; k++) {
                double slope = (f[2 * k] - f[2 * k + 1]) / (2 * c);
                for (int e = 0; e < d; e++) {
                    g[e] += slope * directions[k][e];
                }
            }
        }
        for (int e = 0; e < d; e++) {
            g[e] /= spsa.samples();
        }
        return g;
    }

    @Override
    public String describe() {
        return "estimated by " + estimate + ", " + estimate.forwardPasses(inputSize) + " forward passes per sample";
    }
}
