package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One model's neuron coverage.
 *
 * @param name       the model's name, unique in its report
 * @param definition the neuron-coverage definition used, in words, e.g. "DeepXplore neuron coverage: per-input
 *                   min-max scaled layer output, channel mean, covered when &gt; 0.25"
 * @param threshold  the activation threshold of that definition
 * @param layers     the model's layers, names unique
 * @param criteria   model-level DeepGauge figures, may be empty
 * @param gates      coverage gate verdicts, may be empty
 * @param files      the files the model was loaded from, each as {@code "<path> sha256:<hex>"}, may be empty (a
 *                   model built in memory)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelEntry(
        String name,
        String definition,
        double threshold,
        List<LayerEntry> layers,
        List<CriterionValue> criteria,
        List<GateVerdict> gates,
        List<String> files) {

    public ModelEntry {
        Checks.name(name, "model name");
        Checks.notNull(definition, "coverage definition of model " + name);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("model " + name + ": threshold must be finite, was " + threshold);
        }
        layers = Checks.list(layers, "layers of model " + name);
        criteria = Checks.list(criteria, "criteria of model " + name);
        gates = Checks.list(gates, "gates of model " + name);
        files = Checks.list(files, "files of model " + name);
        Set<String> seen = new HashSet<>();
        for (LayerEntry layer : layers) {
            if (!seen.add(layer.name())) {
                throw new IllegalArgumentException("model " + name + ": duplicate layer name \"" + layer.name() + "\"");
            }
        }
    }

    public long neuronCount() {
        long n = 0;
        for (LayerEntry layer : layers) {
            n += layer.neuronCount();
        }
        return n;
    }

    public long coveredCount() {
        long n = 0;
        for (LayerEntry layer : layers) {
            n += layer.coveredCount();
        }
        return n;
    }

    public long missedCount() {
        return neuronCount() - coveredCount();
    }

    /** Neuron coverage of the whole model; NaN for a model without neurons. */
    public double coverageRatio() {
        return Checks.ratio(coveredCount(), neuronCount());
    }

    /** Whether every gate passed (true when there are none). */
    public boolean gatesPassed() {
        return gates.stream().allMatch(GateVerdict::passed);
    }
}
