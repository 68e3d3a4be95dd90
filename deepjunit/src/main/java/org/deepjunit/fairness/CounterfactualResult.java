package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a {@link CounterfactualCheck} found: how many predictions it compared and the samples whose prediction
 * changed.
 *
 * <pre>{@code
 * result.summary();
 * // "200 samples of credit checked with sex set to each of 0, 1 (200 counterfactual inputs): 3 samples' prediction
 * // changed"
 * }</pre>
 *
 * @param model the model's name
 * @param attribute the attribute's name
 * @param samples the samples checked
 * @param values the values put in
 * @param checked the counterfactual inputs predicted: each sample with each value other than its own
 * @param changed the samples whose prediction changed, in sample order
 */
@API(status = EXPERIMENTAL, since = "0.5")
public record CounterfactualResult(
        String model, String attribute, int samples, double[] values, long checked, List<Counterfactual> changed) {

    /** Copies the arrays. */
    public CounterfactualResult {
        values = values.clone();
        changed = List.copyOf(changed);
    }

    /** A copy of the values put in. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** One line: what was checked and how many predictions changed. */
    public String summary() {
        return samples + " samples of " + model + " checked with " + attribute + " set to each of "
                + Arrays.stream(values).mapToObj(Counterfactual::format).collect(Collectors.joining(", ")) + " ("
                + checked + " counterfactual inputs): " + changed.size()
                + (changed.size() == 1 ? " sample's" : " samples'")
                + " prediction changed";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterfactualResult r
                && model.equals(r.model)
                && attribute.equals(r.attribute)
                && samples == r.samples
                && Arrays.equals(values, r.values)
                && checked == r.checked
                && changed.equals(r.changed);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(model, attribute, samples, Arrays.hashCode(values), checked, changed);
    }
}
