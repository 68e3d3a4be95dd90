package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.DifferentialAgainst;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.TestModel;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.differential.ApprovedFile;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Coverage data and received verdict files say which weights they measured: the zips the models were loaded from,
 * with their SHA-256 as {@code sha256sum} prints it.
 */
class Dl4jModelFilesRecordedTest {

    // Set by each test before its subject runs; each subject is run by one test only.
    static volatile Path coveredZip;
    static volatile Path underTestZip;
    static volatile Path referenceZip;

    @NeuronCoverage
    static class LoadsOneZip {
        @Test
        void predicts() {
            try (Dl4jModel model = Dl4jModel.builder(coveredZip).build()) {
                model.predict(input(0));
            }
        }
    }

    @DifferentialAgainst(model = "a", reference = "b")
    static class TwoZipsThatDisagree {
        @TestModel("a")
        static Model a() {
            return Dl4jModel.builder(underTestZip).build();
        }

        @TestModel("b")
        static Model b() {
            return Dl4jModel.builder(referenceZip).build();
        }

        @Test
        void predicts(@TestModel("a") Model a) {
            for (int i = 0; i < 32; i++) {
                a.predict(input(i));
            }
        }
    }

    @Test
    void coverageDataRecordsTheModelFileAndItsHash(@TempDir Path dir) throws Exception {
        coveredZip = zip(dir, "mlp.zip", 7);
        Path report = dir.resolve("report");
        run(LoadsOneZip.class, Map.of("deepjunit.report.dir", report.toString()))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        assertThat(data.models())
                .singleElement()
                .satisfies(m ->
                        assertThat(m.files()).containsExactly(new ModelFiles.Entry("mlp.zip", sha256(coveredZip))));
    }

    @Test
    void receivedFileRecordsBothModelsFiles(@TempDir Path dir) throws Exception {
        underTestZip = zip(dir, "a.zip", 7);
        referenceZip = zip(dir, "b.zip", 8);
        Path approved = dir.resolve("approved");
        run(
                        TwoZipsThatDisagree.class,
                        Map.of(
                                "deepjunit.differential.approved.dir", approved.toString(),
                                "deepjunit.report.dir", dir.resolve("report").toString(),
                                "deepjunit.differential.approve", "false"))
                .testEvents()
                .assertStatistics(s -> s.failed(1));
        Path received;
        try (Stream<Path> files = Files.list(approved)) {
            received = files.filter(f -> f.toString().endsWith(".received.json"))
                    .findFirst()
                    .orElseThrow();
        }
        ApprovedFile file = ApprovedFile.read(received);
        assertThat(file.modelUnderTestFiles()).containsExactly(new ModelFiles.Entry("a.zip", sha256(underTestZip)));
        assertThat(file.referenceFiles()).containsExactly(new ModelFiles.Entry("b.zip", sha256(referenceZip)));
    }

    private static Tensor input(int seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] x = new float[4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return Tensor.of(x, 1, 4);
    }

    private static Path zip(Path dir, String name, long seed) throws Exception {
        Path zip = dir.resolve(name);
        ModelSerializer.writeModel(Dl4jTestNets.mlp(seed), zip.toFile(), false);
        return zip;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(selectClass(subject))
                .execute();
    }
}
