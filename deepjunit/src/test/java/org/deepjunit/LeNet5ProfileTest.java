package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.model.Model;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * DeepGauge on TensorFlow LeNet-5 with a profile over the 10,000 MNIST test images (IDX, gzipped, from the
 * classpath): the first 100 of those images lie inside the bounds (NBC = SNAC = 0), KMNC equals an independent
 * computation, and the profile is cached next to the report.
 */
class LeNet5ProfileTest {

    static volatile Model model;

    @NeuronCoverage(profileData = "classpath:/mnist/t10k-images-idx3-ubyte.gz", k = 4)
    static class Subject {
        @Test
        void firstHundred() {
            model.predict(Mnist.images(0, 100));
        }
    }

    static volatile Path profileData;

    /**
     * DL4J's dense layers round differently for different batch sizes (up to 7.6e-6 on LeNet-5's
     * logits between batches of 256 and 1,000), so without a tolerance an image lands a few ulps
     * outside the bound computed from itself and counts as a corner case.
     */
    @Test
    void theProfilesOwnDataStaysInsideItsBoundsWhateverTheBatchSize(@TempDir Path dir) throws IOException {
        profileData = dir.resolve("first2000.npy");
        org.deepjunit.data.Npy.write(Mnist.images(0, 2000), profileData);
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5)) {
            model = dl4j;
            Path report = dir.resolve("report");
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of(
                            "deepjunit.report.dir",
                            report.toString(),
                            "deepjunit.coverage.profile.data",
                            profileData.toString(),
                            "junit.jupiter.execution.parallel.enabled",
                            "false"))
                    .selectors(selectClass(OwnProfileDataSubject.class))
                    .execute()
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            ModelCoverage m = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId())
                    .models()
                    .get(0);
            assertThat(m.profile().samples()).isEqualTo(2000);
            assertThat(m.count(Criterion.NBC, 0, true)).containsExactly(0, 2 * 268);
            assertThat(m.count(Criterion.SNAC, 0, true)).containsExactly(0, 268);
        }
    }

    @NeuronCoverage
    static class OwnProfileDataSubject {
        @Test
        void sameImagesInAnotherBatchSize() {
            model.predict(Mnist.images(0, 2000));
        }
    }

    @Test
    void deepGaugeCriteriaWithACachedProfile(@TempDir Path dir) throws IOException {
        try (Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            model = tf;
            Path report = dir.resolve("report");
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of(
                            "deepjunit.report.dir",
                            report.toString(),
                            "junit.jupiter.execution.parallel.enabled",
                            "false"))
                    .selectors(selectClass(Subject.class))
                    .execute()
                    .testEvents()
                    .assertStatistics(s -> s.succeeded(1));
            ModelCoverage m = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId())
                    .models()
                    .get(0);
            assertThat(m.profile().samples()).isEqualTo(10_000);
            assertThat(m.count(Criterion.NBC, 0, true)).containsExactly(0, 2 * 268);
            assertThat(m.count(Criterion.SNAC, 0, true)).containsExactly(0, 268);

            // independent KMNC: bounds over all 10,000 images, sections of the first 100
            List<String> layers = m.layers().keySet().stream().toList();
            double[][] low = new double[layers.size()][];
            double[][] high = new double[layers.size()][];
            for (int from = 0; from < 10_000; from += 1000) {
                NeuronValues v = NeuronValues.of(tf.activations(Mnist.images(from, from + 1000), layers));
                for (int l = 0; l < layers.size(); l++) {
                    NeuronValues.LayerValues lv = v.layer(layers.get(l));
                    if (low[l] == null) {
                        low[l] = new double[lv.neurons()];
                        high[l] = new double[lv.neurons()];
                        java.util.Arrays.fill(low[l], Double.POSITIVE_INFINITY);
                        java.util.Arrays.fill(high[l], Double.NEGATIVE_INFINITY);
                    }
                    for (int s = 0; s < lv.batch(); s++) {
                        for (int j = 0; j < lv.neurons(); j++) {
                            low[l][j] = Math.min(low[l][j], lv.raw(s, j));
                            high[l][j] = Math.max(high[l][j], lv.raw(s, j));
                        }
                    }
                }
            }
            NeuronValues first = NeuronValues.of(tf.activations(Mnist.images(0, 100), layers));
            int k = 4;
            long hit = 0;
            long total = 0;
            for (int l = 0; l < layers.size(); l++) {
                NeuronValues.LayerValues lv = first.layer(layers.get(l));
                for (int j = 0; j < lv.neurons(); j++) {
                    boolean[] sections = new boolean[k];
                    for (int s = 0; s < lv.batch(); s++) {
                        double x = lv.raw(s, j);
                        double lo = low[l][j];
                        double hi = high[l][j];
                        if (x >= lo && x <= hi) {
                            sections[hi > lo ? (int) Math.min(k - 1, Math.floor((x - lo) / (hi - lo) * k)) : 0] = true;
                        }
                    }
                    for (boolean b : sections) {
                        hit += b ? 1 : 0;
                    }
                    total += k;
                }
            }
            long[] kmnc = m.count(Criterion.KMNC, 0, true);
            System.out.printf(
                    "lenet5-tf KMNC(k=4) %d/%d (independent %d/%d), TKNC %s, TKNP %d%n",
                    kmnc[0],
                    kmnc[1],
                    hit,
                    total,
                    java.util.Arrays.toString(m.count(Criterion.TKNC, 0, true)),
                    m.patternCount());
            assertThat(kmnc[1]).isEqualTo(total);
            // float32 channel means inside TF vs here: a value on a section edge may fall either side
            assertThat((double) kmnc[0]).isCloseTo(hit, org.assertj.core.data.Offset.offset(2.0));

            Path profiles = CoverageRun.profileDir(report);
            try (Stream<Path> files = Files.list(profiles)) {
                assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(1);
            }
        }
    }
}
