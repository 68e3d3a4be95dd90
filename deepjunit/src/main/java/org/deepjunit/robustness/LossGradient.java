package org.deepjunit.robustness;

import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;

/**
 * The input gradient of the cross-entropy of each sample's logits, {@code −log softmax(z)_y}: its derivative with
 * respect to the logits is {@code p − onehot(y)}, so it is the gradient of the linear objective with those
 * per-sample logit weights, which every model computes ({@link Model#inputGradient}).
 */
final class LossGradient {

    private LossGradient() {}

    /** The gradient for every sample of {@code batch} at {@code x} (flat, shaped like the batch). */
    static double[] of(Model model, Batch batch, double[] x) {
        Tensor inputs = batch.tensor(x);
        batch.queries().add(batch.n());
        Scores scores = Scores.of(model.predict(inputs), batch.labels());
        Objective.Builder objective = Objective.builder();
        boolean any = false;
        for (int i = 0; i < batch.n(); i++) {
            double[] p = scores.probabilities(i);
            for (int j = 0; j < p.length; j++) {
                double w = p[j] - (j == batch.labels()[i] ? 1 : 0);
                if (w != 0) {
                    objective.logit(i, j, w);
                    any = true;
                }
            }
        }
        if (!any) {
            return new double[x.length]; // every prediction is exactly one-hot and right: the loss is flat here
        }
        return model.inputGradient(inputs, objective.build()).toDoubleArray();
    }
}
