package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A sample whose prediction changes when only its sensitive attribute is changed: a counterfactual fairness
 * violation, as {@link CounterfactualCheck} finds them.
 *
 * <pre>{@code
 * Counterfactual c = result.changed().get(0);
 * c.describe();   // "changing only sex from 1 to 0 changes the prediction from class 1 to class 0"
 * c.summary();    // "sex 1 → 0 changes class 1 → 0"
 * }</pre>
 *
 * @param attribute the attribute's name, e.g. "sex"
 * @param sample the sample's index in the dataset (its data row, from 0)
 * @param value the sample's own value of the attribute
 * @param prediction the predicted class with that value
 * @param changes each other value that changes the prediction, with the class predicted then
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record Counterfactual(String attribute, int sample, double value, int prediction, List<Change> changes) {

    /**
     * One changed value and its prediction.
     *
     * @param value the attribute's value put in
     * @param prediction the class predicted with it
     */
    public record Change(double value, int prediction) {}

    /** Copies the changes. */
    public Counterfactual {
        changes = List.copyOf(changes);
    }

    /** E.g. "changing only sex from 1 to 0 changes the prediction from class 1 to class 0". */
    public String describe() {
        return "changing only " + attribute + " from " + format(value) + " to "
                + changes.stream()
                        .map(c -> format(c.value()) + " changes the prediction from class " + prediction + " to class "
                                + c.prediction())
                        .collect(Collectors.joining(", and to "));
    }

    /** Short, for a test's display name, e.g. "sex 1 → 0 changes class 1 → 0". */
    public String summary() {
        return changes.stream()
                .map(c -> attribute + " " + format(value) + " → " + format(c.value()) + " changes class " + prediction
                        + " → " + c.prediction())
                .collect(Collectors.joining("; "));
    }

    /** A value as the CSV would hold it: {@code 1} rather than {@code 1.0}, {@code 0.1} for the float 0.1. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }
}
