package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.metrics.Metrics;

/**
 * What one perturbation did to a model over a dataset ({@link Robustness#run}): the clean and the perturbed
 * evaluations (gate the perturbed one like any other: it carries the clean one's slices), the attack's counts and
 * the first adversarial examples.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class RobustnessResult {

    private final Perturbation perturbation;
    private final Evaluation clean;
    private final Evaluation perturbed;
    private final int correct;
    private final int fooled;
    private final int lostInQuantization;
    private final long queries;
    private final List<AdversarialExample> examples;

    RobustnessResult(
            Perturbation perturbation,
            Evaluation clean,
            Evaluation perturbed,
            int correct,
            int fooled,
            int lostInQuantization,
            long queries,
            List<AdversarialExample> examples) {
        this.perturbation = perturbation;
        this.clean = clean;
        this.perturbed = perturbed;
        this.correct = correct;
        this.fooled = fooled;
        this.lostInQuantization = lostInQuantization;
        this.queries = queries;
        this.examples = List.copyOf(examples);
    }

    public Perturbation perturbation() {
        return perturbation;
    }

    /** The model on the clean inputs. */
    public Evaluation clean() {
        return clean;
    }

    /** The model on the perturbed inputs, named {@code "<model> under <perturbation>"}. */
    public Evaluation perturbed() {
        return perturbed;
    }

    public double cleanAccuracy() {
        return clean.value(Metrics.ACCURACY);
    }

    /** The share of all inputs still classified correctly once perturbed (corruption accuracy for corruptions). */
    public double robustAccuracy() {
        return perturbed.value(Metrics.ACCURACY);
    }

    /** The share of the correctly classified inputs the perturbation made the model misclassify; NaN if none. */
    public double successRate() {
        return correct == 0 ? Double.NaN : (double) fooled / correct;
    }

    /** How many inputs the model classified correctly before the perturbation. */
    public int correct() {
        return correct;
    }

    /** How many of those it misclassified after. */
    public int fooled() {
        return fooled;
    }

    /** Inputs misclassified once perturbed but classified correctly again after 8-bit quantisation. */
    public int lostInQuantization() {
        return lostInQuantization;
    }

    /** The model queries an attack made (one per sample per forward pass, with its gradient if any); 0 otherwise. */
    public long queries() {
        return queries;
    }

    /** The first adversarial examples, in dataset order. */
    public List<AdversarialExample> examples() {
        return examples;
    }

    /** The figures a history records: clean and robust accuracy, success rate, queries per attacked input. */
    public Map<String, Double> figures() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("clean accuracy", cleanAccuracy());
        figures.put("robust accuracy", robustAccuracy());
        figures.put("attack success rate", successRate());
        if (perturbation instanceof Attack) {
            figures.put("queries per input", correct == 0 ? Double.NaN : (double) queries / correct);
        }
        return figures;
    }

    @Override
    public String toString() {
        return perturbation.name() + ": clean accuracy " + cleanAccuracy() + ", robust accuracy " + robustAccuracy()
                + ", success rate " + successRate() + " (" + fooled + " of " + correct + ")";
    }
}
