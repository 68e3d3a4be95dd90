package org.deepjunit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made report models for the report tests and the benchmark. */
final class ReportFixtures {

    static final String DEFINITION =
            "DeepXplore neuron coverage: per-input min-max scaled layer output, channel mean, covered when > 0.25";

    private ReportFixtures() {}

    /**
     * Two models. "lenet": block1_conv1 (6 neurons, 4 covered, 1 never activated), "sequential/dense:0"
     * (10 neurons, 3 covered), "my layer" (3 neurons, none covered). "mlp &lt;tiny&gt;": fc1 (4 neurons, all covered).
     * Totals: 23 neurons, 11 covered.
     */
    static NeuronCoverageReport twoModels() {
        LayerEntry conv = new LayerEntry(
                "block1_conv1",
                "convolution",
                List.of(
                        new NeuronEntry(0, true, 0.91),
                        new NeuronEntry(1, true, 0.2501),
                        new NeuronEntry(2, false, 0.12),
                        new NeuronEntry(3, true, 1.0),
                        new NeuronEntry(4, false, Double.NaN),
                        new NeuronEntry(5, true, 0.5)),
                List.of(new CriterionValue("KMNC (k=10)", 17, 60), new CriterionValue("NBC", 1, 12)));
        List<NeuronEntry> dense = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dense.add(new NeuronEntry(i, i % 3 == 0 && i < 9, i / 10.0));
        }
        LayerEntry dense0 = new LayerEntry("sequential/dense:0", "dense", dense, List.of());
        LayerEntry mine = new LayerEntry(
                "my layer",
                "dense",
                List.of(
                        new NeuronEntry(0, false, 0.1),
                        new NeuronEntry(1, false, 0.0),
                        new NeuronEntry(2, false, 0.24)),
                List.of());
        ModelEntry lenet = new ModelEntry(
                "lenet",
                DEFINITION,
                0.25,
                List.of(conv, dense0, mine),
                List.of(
                        new CriterionValue("KMNC (k=10)", 40, 190),
                        new CriterionValue("SNAC", 2, 19),
                        new CriterionValue("TKNP (k=2)", 7, 0)),
                List.of(
                        new GateVerdict(
                                "lenet",
                                false,
                                "Rule violated for model lenet: neurons covered ratio is 0.37, but expected minimum is 0.50"),
                        new GateVerdict("block1_conv1", true, "Rule passed for layer block1_conv1")),
                List.of("lenet <1>.h5 sha256:" + "0123456789abcdef".repeat(4)));
        LayerEntry fc1 = new LayerEntry(
                "fc1",
                "dense",
                List.of(
                        new NeuronEntry(0, true, 3.5),
                        new NeuronEntry(1, true, 2e-4),
                        new NeuronEntry(2, true, 12.0),
                        new NeuronEntry(3, true, 1e7)),
                List.of(new CriterionValue("TKNC (k=2)", 2, 4)));
        ModelEntry mlp =
                new ModelEntry("mlp <tiny>", "raw output > 0", 0.0, List.of(fc1), List.of(), List.of(), List.of());
        return new NeuronCoverageReport(
                "DeepJUnit neuron coverage", Instant.parse("2025-01-02T03:04:05Z"), List.of(lenet, mlp));
    }

    /** models x layers x neurons, every third neuron missed, every 50th never activated. */
    static NeuronCoverageReport large(int models, int layers, int neurons) {
        List<ModelEntry> ms = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            List<LayerEntry> ls = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                List<NeuronEntry> ns = new ArrayList<>(neurons);
                for (int n = 0; n < neurons; n++) {
                    boolean never = n % 50 == 49;
                    ns.add(new NeuronEntry(n, n % 3 != 0 && !never, never ? Double.NaN : (n % 100) / 99.0));
                }
                ls.add(new LayerEntry(
                        "model" + m + "/layer_" + l + ":0",
                        l % 2 == 0 ? "convolution" : "dense",
                        ns,
                        List.of(new CriterionValue("KMNC (k=10)", neurons * 4L, neurons * 10L))));
            }
            ms.add(new ModelEntry("model " + m, DEFINITION, 0.25, ls, List.of(), List.of(), List.of()));
        }
        return new NeuronCoverageReport("Benchmark", Instant.parse("2025-01-02T03:04:05Z"), ms);
    }
}
