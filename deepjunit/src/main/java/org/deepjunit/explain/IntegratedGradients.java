package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Integrated gradients (Sundararajan et al. 2017): {@code a_i = (x_i − x'_i) · mean_k ∂F(x' + α_k (x − x'))/∂x_i}
 * with the Riemann midpoint rule, {@code α_k = (k − 0.5)/m} for {@code k = 1..m}. Completeness, {@code Σ a_i = F(x)
 * − F(x')}, holds in the limit; every {@link Attribution} reports how far this one is from it
 * ({@link Attribution#completenessError()}), so more steps can be asked for where it matters.
 *
 * <pre>{@code
 * Attribution a = Explain.integratedGradients(lenet5)
 *         .steps(50)                      // m, the default
 *         .internalBatchSize(16)          // path points per gradient call: bounds memory
 *         .baseline(blurred)              // x'; zeros by default
 *         .explain(image);
 * }</pre>
 *
 * <p>The default baseline is all zeros (black for images in [0, 1]). The path points are evaluated
 * {@code internalBatchSize} at a time (default 50) and never held all at once.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class IntegratedGradients extends BaseExplainer {

    private int steps = 50;
    private int internalBatchSize = 50;
    private Tensor baseline;

    IntegratedGradients(Model model) {
        super(model);
    }

    /** Explains class {@code c} rather than the predicted class. */
    public IntegratedGradients target(int c) {
        setTarget(c);
        return this;
    }

    /** The score explained; {@link Score#AUTO} by default. */
    public IntegratedGradients score(Score score) {
        setScore(score);
        return this;
    }

    /** The number of Riemann steps {@code m} (default 50). */
    public IntegratedGradients steps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("Integrated gradients needs at least 1 step, got " + steps);
        }
        this.steps = steps;
        return this;
    }

    /** How many path points one gradient call computes (default 50): lower it to bound memory. */
    public IntegratedGradients internalBatchSize(int size) {
        this.internalBatchSize = Batches.checkBatchSize(size);
        return this;
    }

    /**
     * The baseline {@code x'}: one sample shaped like the model's inputs ({@code [1, ...inputShape]} or without the
     * batch dimension), with finite values. A baseline of another shape is refused here, naming both shapes.
     */
    public IntegratedGradients baseline(Tensor baseline) {
        Shape expected = model.inputShape();
        Shape given = Mask.sampleShape(baseline);
        if (given.rank() != expected.rank() || !expected.accepts(given)) {
            throw new IllegalArgumentException("Baseline of shape " + baseline.shape() + " does not fit model '"
                    + model.name() + "', whose inputs are " + expected + " per sample: give a baseline of shape "
                    + expected.withBatch(1) + " (or " + expected + ")");
        }
        int bad = baseline.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    "Baseline element " + bad + " is " + baseline.getDouble(bad) + ": a baseline must be finite");
        }
        this.baseline = baseline.reshape(given.withBatch(1).dims());
        return this;
    }

    /** A baseline with every element {@code value} (e.g. the data's mean). */
    public IntegratedGradients baselineValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("A baseline value must be finite, got " + value);
        }
        Shape s = model.inputShape();
        if (!s.isFullyKnown()) {
            throw new IllegalArgumentException("Model '" + model.name() + "' takes inputs of unknown size " + s
                    + ": give the baseline as a tensor");
        }
        double[] v = new double[s.size()];
        java.util.Arrays.fill(v, value);
        this.baseline = Tensor.wrap(v, s.withBatch(1));
        return this;
    }

    @Override
    public String method() {
        return "integrated gradients";
    }

    @Override
    Attribution compute(Tensor x, TargetFunction f, double fx) {
        Tensor base = baseline != null ? baseline : Tensor.zeros(x.dataType(), x.shape());
        if (!base.shape().equals(x.shape())) {
            throw new IllegalArgumentException("Baseline of shape " + base.shape() + " does not fit the input of shape "
                    + x.shape() + " explained on model '" + model.name() + "'");
        }
        double fBase = f.values(base)[0];
        int size = x.size();
        double[] from = base.toDoubleArray();
        double[] delta = x.toDoubleArray();
        for (int i = 0; i < size; i++) {
            delta[i] -= from[i];
        }
        double[] sum = Batches.gradientSum(f, x.shape().withoutBatch(), steps, internalBatchSize, (k, into, off) -> {
            double alpha = (k + 0.5) / steps;
            for (int i = 0; i < size; i++) {
                into[off + i] = from[i] + alpha * delta[i];
            }
        });
        for (int i = 0; i < size; i++) {
            sum[i] = delta[i] * sum[i] / steps;
        }
        return new Attribution(
                method(), model.name(), f.targetClass(), f.score(), Tensor.wrap(sum, x.shape()), fx, fBase);
    }
}
