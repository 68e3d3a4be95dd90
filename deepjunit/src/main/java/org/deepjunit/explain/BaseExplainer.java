package org.deepjunit.explain;

import java.util.Objects;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * What every explainer shares: the model, the target (a class, or the predicted one) and the score; one input at a
 * time, checked, and run unobserved, so that an explanation's many passes are neither coverage nor compared.
 */
abstract class BaseExplainer implements Explainer {

    final Model model;
    private Integer targetClass;
    private Score score = Score.AUTO;

    BaseExplainer(Model model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    void setTarget(int c) {
        if (c < 0) {
            throw new IllegalArgumentException("A target class is >= 0, got " + c);
        }
        this.targetClass = c;
    }

    void setScore(Score s) {
        this.score = Objects.requireNonNull(s, "score");
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public Attribution explain(Tensor input) {
        return run(input, targetClass);
    }

    @Override
    public Attribution explain(Tensor input, int targetClass) {
        if (targetClass < 0) {
            throw new IllegalArgumentException("A target class is >= 0, got " + targetClass);
        }
        return run(input, targetClass);
    }

    private Attribution run(Tensor input, Integer c) {
        Tensor x = oneSample(model, input);
        return ForwardListeners.unobserved(() -> {
            Tensor output = model.predict(x);
            TargetFunction f = TargetFunction.resolve(model, output, score, c);
            return compute(x, f, f.valuesOf(output)[0]);
        });
    }

    /** The attribution of one checked input {@code [1, ...]} for {@code f}, whose value at {@code x} is {@code fx}. */
    abstract Attribution compute(Tensor x, TargetFunction f, double fx);

    /** {@code input} as a batch of one: {@code [1, ...]}, or one sample of the model's input rank given a batch. */
    static Tensor oneSample(Model model, Tensor input) {
        Objects.requireNonNull(input, "input");
        int[] dims = input.shape().dims();
        if (dims.length == model.inputShape().rank()) {
            int[] batched = new int[dims.length + 1];
            batched[0] = 1;
            System.arraycopy(dims, 0, batched, 1, dims.length);
            return input.reshape(batched);
        }
        if (dims.length == 0 || dims[0] != 1) {
            throw new IllegalArgumentException("An explainer takes one input [1, ...] at a time, got "
                    + input.shape() + " for model '" + model.name() + "' (inputs " + model.inputShape()
                    + "); use explainAll for a batch");
        }
        return input;
    }
}
