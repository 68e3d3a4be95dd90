package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One layer of a model.
 *
 * @param name     the layer's name as the framework gives it, e.g. "block1_conv1" or "sequential/dense:0"
 * @param kind     e.g. "convolution", "dense"
 * @param neurons  the layer's neurons, indexes unique
 * @param criteria per-layer DeepGauge figures, may be empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LayerEntry(String name, String kind, List<NeuronEntry> neurons, List<CriterionValue> criteria) {

    public LayerEntry {
        Checks.name(name, "layer name");
        Checks.notNull(kind, "kind of layer " + name);
        neurons = Checks.list(neurons, "neurons of layer " + name);
        criteria = Checks.list(criteria, "criteria of layer " + name);
        Set<Integer> seen = new HashSet<>();
        for (NeuronEntry neuron : neurons) {
            if (!seen.add(neuron.index())) {
                throw new IllegalArgumentException("layer " + name + ": duplicate neuron index " + neuron.index());
            }
        }
    }

    public int neuronCount() {
        return neurons.size();
    }

    public int coveredCount() {
        int covered = 0;
        for (NeuronEntry neuron : neurons) {
            if (neuron.covered()) {
                covered++;
            }
        }
        return covered;
    }

    public int missedCount() {
        return neuronCount() - coveredCount();
    }

    /** Neuron coverage of this layer; NaN for a layer without neurons. */
    public double coverageRatio() {
        return Checks.ratio(coveredCount(), neuronCount());
    }
}
