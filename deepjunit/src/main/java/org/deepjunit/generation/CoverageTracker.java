package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.NeuronValues;

/**
 * DeepXplore neuron coverage of one model as the search goes: a neuron is covered once some input
 * gives it a scaled value ({@link NeuronValues.LayerValues#scaled}) above the threshold. Counts the
 * layers {@link org.deepjunit.model.LayerKind#countedByDefault() counted by default}. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class CoverageTracker {

    /** One neuron: a layer and the index of a unit or channel in it. */
    public record Neuron(String layer, int index) {}

    private final Model model;
    private final double threshold;
    private final List<String> layers = new ArrayList<>();
    private final int[] offsets;
    private final boolean[] covered;

    public CoverageTracker(Model model, double threshold) {
        this.model = model;
        this.threshold = threshold;
        List<Integer> starts = new ArrayList<>();
        int total = 0;
        for (Layer layer : model.layers()) {
            if (layer.kind().countedByDefault() && layer.neuronCount() > 0) {
                layers.add(layer.name());
                starts.add(total);
                total += layer.neuronCount();
            }
        }
        offsets = new int[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            offsets[i] = starts.get(i);
        }
        offsets[layers.size()] = total;
        covered = new boolean[total];
    }

    public Model model() {
        return model;
    }

    /** The counted layers, in model order: pass them to {@link Model#neuronValues}. */
    public List<String> layers() {
        return layers;
    }

    public int total() {
        return covered.length;
    }

    public synchronized int coveredCount() {
        int n = 0;
        for (boolean b : covered) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Covered neurons / all counted neurons. */
    public double ratio() {
        return covered.length == 0 ? 0 : (double) coveredCount() / covered.length;
    }

    /** Records every sample of {@code values}; returns how many neurons became covered. */
    public int update(NeuronValues values) {
        int n = values.output().batchSize();
        int gained = 0;
        for (int s = 0; s < n; s++) {
            gained += update(values, s);
        }
        return gained;
    }

    /** Records one sample; returns how many neurons became covered. */
    public synchronized int update(NeuronValues values, int sample) {
        int gained = 0;
        for (int l = 0; l < layers.size(); l++) {
            NeuronValues.LayerValues v = values.layer(layers.get(l));
            for (int j = 0; j < v.neurons(); j++) {
                int at = offsets[l] + j;
                if (!covered[at] && v.scaled(sample, j) > threshold) {
                    covered[at] = true;
                    gained++;
                }
            }
        }
        return gained;
    }

    /** How many neurons one sample would newly cover, without recording it. */
    public synchronized int wouldGain(NeuronValues values, int sample) {
        int gained = 0;
        for (int l = 0; l < layers.size(); l++) {
            NeuronValues.LayerValues v = values.layer(layers.get(l));
            for (int j = 0; j < v.neurons(); j++) {
                if (!covered[offsets[l] + j] && v.scaled(sample, j) > threshold) {
                    gained++;
                }
            }
        }
        return gained;
    }

    /**
     * A random uncovered neuron, or a random neuron when all are covered (DeepXplore's
     * {@code neuron_to_cover}).
     */
    public synchronized Neuron pickUncovered(Random random) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < covered.length; i++) {
            if (!covered[i]) {
                open.add(i);
            }
        }
        int at = open.isEmpty() ? random.nextInt(covered.length) : open.get(random.nextInt(open.size()));
        int l = 0;
        while (offsets[l + 1] <= at) {
            l++;
        }
        return new Neuron(layers.get(l), at - offsets[l]);
    }
}
