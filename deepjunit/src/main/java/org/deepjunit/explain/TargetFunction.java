package org.deepjunit.explain;

import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;

/**
 * The target function {@code F} of one explanation: a {@link Score} of class {@code c}, with its values read from
 * {@link Model#predict} and its input gradient computed by {@link Model#inputGradient} — the same function, so that
 * integrated gradients' completeness error measures the explanation, not a mismatch. Callers run it unobserved.
 */
final class TargetFunction {

    /** Smallest probability whose log is taken: a float32 softmax underflows to 0 for hopeless classes. */
    static final double MIN_PROBABILITY = 1e-30;

    /** How far a row may sum from 1 and still be read as probabilities. */
    static final double PROBABILITY_TOLERANCE = 1e-3;

    private final Model model;
    private final Score score;
    private final int targetClass;
    private final boolean outputsProbabilities;

    private TargetFunction(Model model, Score score, int targetClass, boolean outputsProbabilities) {
        this.model = model;
        this.score = score;
        this.targetClass = targetClass;
        this.outputsProbabilities = outputsProbabilities;
    }

    /**
     * Resolves {@code requested} for a model whose output on the explained input is {@code output} ({@code [1, k]}):
     * the class is {@code targetClass}, or the predicted one when null.
     */
    static TargetFunction resolve(Model model, Tensor output, Score requested, Integer targetClass) {
        if (output.shape().rank() != 2) {
            throw new ModelException("Explanations need a classifier's output [n, classes], but model '" + model.name()
                    + "' outputs " + output.shape() + " per batch");
        }
        int classes = output.shape().dim(1);
        int c = targetClass != null ? targetClass : output.argMax()[0];
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("Target class " + c + " is not a class of model '" + model.name()
                    + "', which has " + classes + " (0 to " + (classes - 1) + ")");
        }
        boolean probabilities = isProbabilities(output);
        Score score = requested;
        if (score == Score.AUTO) {
            score = probabilities ? Score.LOG_PROBABILITY : Score.LOGIT;
        } else if (score == Score.LOGIT && probabilities) {
            throw new IllegalArgumentException("Score LOGIT needs a model that outputs its logits, but model '"
                    + model.name() + "' outputs probabilities (every row non-negative, summing to 1), from which its"
                    + " logits cannot be read: use Score.LOG_PROBABILITY or Score.PROBABILITY");
        }
        return new TargetFunction(model, score, c, probabilities);
    }

    /** Whether every row is non-negative and sums to 1 within {@link #PROBABILITY_TOLERANCE}. */
    static boolean isProbabilities(Tensor output) {
        int n = output.shape().dim(0);
        int k = output.shape().dim(1);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v = output.getDouble(i * k + j);
                if (v < 0) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    Score score() {
        return score;
    }

    int targetClass() {
        return targetClass;
    }

    /** {@code F} of each sample of a batch. */
    double[] values(Tensor inputs) {
        return valuesOf(model.predict(inputs));
    }

    /** {@code F} of each row of the model's output {@code [n, k]}. */
    double[] valuesOf(Tensor output) {
        int n = output.shape().dim(0);
        int k = output.shape().dim(1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (score) {
                case LOGIT -> output.getDouble(i * k + targetClass);
                case LOG_PROBABILITY -> Math.log(Math.max(probabilities(output, i)[targetClass], MIN_PROBABILITY));
                default -> probabilities(output, i)[targetClass];
            };
        }
        return values;
    }

    /** {@code ∂F/∂x} of each sample of a batch, shaped like {@code inputs}. */
    Tensor gradient(Tensor inputs) {
        if (score == Score.LOGIT) {
            return model.inputGradient(
                    inputs, Objective.builder().logit(targetClass, 1.0).build());
        }
        Tensor output = model.predict(inputs);
        int n = output.shape().dim(0);
        int k = output.shape().dim(1);
        Objective.Builder objective = Objective.builder();
        for (int i = 0; i < n; i++) {
            double[] p = probabilities(output, i);
            double scale = score == Score.PROBABILITY ? p[targetClass] : 1;
            for (int j = 0; j < k; j++) {
                // d log p_c / d z_j = δ_cj − p_j; d p_c / d z_j = p_c (δ_cj − p_j)
                objective.logit(i, j, scale * ((j == targetClass ? 1 : 0) - p[j]));
            }
        }
        return model.inputGradient(inputs, objective.build());
    }

    /** Row {@code i} as probabilities: itself for a probability output, else the softmax of the logits. */
    private double[] probabilities(Tensor output, int i) {
        int k = output.shape().dim(1);
        double[] p = new double[k];
        if (outputsProbabilities) {
            for (int j = 0; j < k; j++) {
                p[j] = output.getDouble(i * k + j);
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, output.getDouble(i * k + j));
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(output.getDouble(i * k + j) - max);
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        return p;
    }
}
