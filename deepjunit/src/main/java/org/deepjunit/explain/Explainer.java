package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * Explains a model's score for one class on one input at a time; made by {@link Explain}.
 *
 * <pre>{@code
 * Explainer ig = Explain.integratedGradients(lenet5).steps(64);
 * Attribution a = ig.explain(image);          // the predicted class, image [1, 28, 28, 1]
 * Attribution b = ig.explain(image, 3);       // class 3
 * List<Attribution> all = ig.explainAll(batch);
 * }</pre>
 *
 * <p>Explainers are configured before use and then safe to share across threads as far as their model is.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public interface Explainer {

    /** The method's name, such as {@code integrated gradients}. */
    String method();

    /** The model explained. */
    Model model();

    /**
     * Explains one input ({@code [1, ...inputShape]} or one sample without the batch dimension) for the configured
     * target class, or the class the model predicts for it.
     */
    Attribution explain(Tensor input);

    /** Explains one input for class {@code targetClass}. */
    Attribution explain(Tensor input, int targetClass);

    /** Explains every sample of a batch {@code [n, ...inputShape]}, one after the other. */
    default List<Attribution> explainAll(Tensor inputs) {
        List<Attribution> all = new ArrayList<>();
        for (int i = 0; i < inputs.batchSize(); i++) {
            all.add(explain(inputs.sample(i)));
        }
        return all;
    }
}
