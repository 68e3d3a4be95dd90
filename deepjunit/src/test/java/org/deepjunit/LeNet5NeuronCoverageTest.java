package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.report.CoverageReports;
import org.deepjunit.report.CriterionValue;
import org.deepjunit.report.ModelEntry;
import org.deepjunit.report.NeuronCoverageReport;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * DeepXplore's LeNet-5 on the first 100 MNIST test images, both adapters: the report's NC at t = 0, 0.25, 0.5, 0.75
 * equals an independent computation here, with plain Java loops over the forward activations.
 */
class LeNet5NeuronCoverageTest {

    static final double[] THRESHOLDS = {0, 0.25, 0.5, 0.75};
    static volatile Model subjectModel;
    static Model dl4j;
    static Model tf;

    @NeuronCoverage
    static class Subject {
        @Test
        void firstHundredInFourBatches() {
            for (int from = 0; from < 100; from += 25) {
                subjectModel.predict(Mnist.images(from, from + 25));
            }
        }
    }

    @BeforeAll
    static void load(@TempDir Path dir) {
        dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
        tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"));
    }

    @AfterAll
    static void close() {
        dl4j.close();
        tf.close();
    }

    @Test
    void dl4jReportMatchesIndependentComputation(@TempDir Path dir) throws IOException {
        check(dl4j, dir);
    }

    @Test
    void tensorFlowReportMatchesIndependentComputation(@TempDir Path dir) throws IOException {
        check(tf, dir);
    }

    private static synchronized void check(Model model, Path dir) throws IOException {
        subjectModel = model;
        Path report = dir.resolve("report");
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "deepjunit.report.dir", report.toString(), "junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectClass(Subject.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        NeuronCoverageReport r = CoverageReports.build(data, "lenet5", Instant.now(), null, null);
        ModelEntry entry = r.models().get(0);
        assertThat(entry.name()).isEqualTo(model.name());
        assertThat(entry.neuronCount()).isEqualTo(268);

        Activations acts = model.activations(Mnist.images(0, 100));
        for (double t : THRESHOLDS) {
            int expected = independentNc(model, acts, t);
            CriterionValue reported = entry.criteria().stream()
                    .filter(c -> c.criterion()
                            .equals("NC(t="
                                    + java.math.BigDecimal.valueOf(t)
                                            .stripTrailingZeros()
                                            .toPlainString() + ")"))
                    .findFirst()
                    .orElseThrow();
            assertThat(reported.covered()).as("%s NC at t=%s", model, t).isEqualTo(expected);
            assertThat(reported.total()).isEqualTo(268);
            System.out.printf(
                    "%s NC(t=%s) = %d/268 (independent: %d)%n", model.name(), t, reported.covered(), expected);
            if (t == 0) {
                assertThat(entry.coveredCount()).isEqualTo(expected);
            }
        }
    }

    /** DeepXplore's reference: scale each input's layer output to [0,1], channel mean, covered if > t for some input. */
    static int independentNc(Model model, Activations acts, double t) {
        int covered = 0;
        for (Layer layer : model.layers()) {
            if (!layer.kind().countedByDefault()) {
                continue;
            }
            Tensor out = acts.layer(layer.name());
            int batch = out.batchSize();
            int per = out.size() / batch;
            int channels = layer.neuronCount();
            boolean[] hit = new boolean[channels];
            for (int s = 0; s < batch; s++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < per; i++) {
                    double v = out.getDouble(s * per + i);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    int count = 0;
                    for (int i = c; i < per; i += channels) {
                        sum += max > min ? (out.getDouble(s * per + i) - min) / (max - min) : 0;
                        count++;
                    }
                    if (sum / count > t) {
                        hit[c] = true;
                    }
                }
            }
            for (boolean h : hit) {
                if (h) {
                    covered++;
                }
            }
        }
        return covered;
    }
}
