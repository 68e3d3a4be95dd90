package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Which function of the model's output an explanation attributes: the target function {@code F} whose input
 * gradient is taken and whose values {@code F(x) − F(x')} integrated gradients' completeness compares with. For a
 * class {@code c}:
 *
 * <pre>{@code
 * Explain.integratedGradients(model).target(7).score(Score.LOG_PROBABILITY).explain(image);
 * }</pre>
 *
 * <p>A model's output is read as logits unless every row is non-negative and sums to 1 (within 1e-3): then it is
 * probabilities, the softmax of the model's logits (the output before its final softmax, which
 * {@link org.deepjunit.model.Objective} terms address). A model whose output passes another final activation (a
 * sigmoid) is read as logits although the logits it differentiates are before that activation: the values and the
 * gradient then belong to different functions, and integrated gradients' completeness error shows it.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public enum Score {
    /** {@link #LOGIT} for a model that outputs logits, {@link #LOG_PROBABILITY} for one that outputs probabilities. */
    AUTO("auto"),
    /**
     * {@code F = z_c}, the logit of class c. Needs a model whose output is its logits (no final softmax): the logit
     * of a softmax model cannot be read from its probabilities.
     */
    LOGIT("logit"),
    /**
     * {@code F = log p_c}, with {@code p} the model's probabilities (or the softmax of its logits). Its gradient is
     * the logits' gradients weighted by {@code onehot(c) − p}, the softmax's Jacobian. Probabilities below 1e-30
     * count as 1e-30.
     */
    LOG_PROBABILITY("log-probability"),
    /** {@code F = p_c}; its gradient weighs the logits' gradients by {@code p_c · (onehot(c) − p)}. */
    PROBABILITY("probability");

    private final String label;

    Score(String label) {
        this.label = label;
    }

    /** The name messages use, such as {@code log-probability}. */
    public String label() {
        return label;
    }
}
