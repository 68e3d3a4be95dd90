package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One neuron of a layer.
 *
 * @param index    the neuron's index in its layer (channel or unit), not negative
 * @param covered  whether the coverage definition counts it as covered
 * @param maxValue the largest value the neuron reached (scaled or raw per the model's definition);
 *                 NaN when no input activated it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NeuronEntry(int index, boolean covered, double maxValue) {

    public NeuronEntry {
        if (index < 0) {
            throw new IllegalArgumentException("neuron index must not be negative: " + index);
        }
        if (covered && Double.isNaN(maxValue)) {
            throw new IllegalArgumentException(
                    "neuron " + index + " is covered but has no largest value (NaN): a covered neuron was activated");
        }
    }

    /** Whether any input activated the neuron, i.e. {@link #maxValue()} is not NaN. */
    public boolean activated() {
        return !Double.isNaN(maxValue);
    }
}
