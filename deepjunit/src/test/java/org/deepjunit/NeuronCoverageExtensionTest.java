package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.OrderFree;
import org.deepjunit.coverage.TinyModel;
import org.deepjunit.report.CoverageReportWriter;
import org.deepjunit.report.CoverageReports;
import org.deepjunit.report.ModelEntry;
import org.deepjunit.report.NeuronCoverageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

/** {@link NeuronCoverage} through real Jupiter engine runs (EngineTestKit) on the hand-set {@link TinyModel}. */
class NeuronCoverageExtensionTest {

    static final TinyModel TINY = new TinyModel("tiny");

    // ---- subjects (not run by the suite itself: nested static classes) ----

    @NeuronCoverage
    static class FourInputs {
        @Test
        void first() {
            TINY.predict(TinyModel.inputs(1, 0));
        }

        @Test
        void second() {
            TINY.activations(TinyModel.inputs(0, 2));
        }

        @ParameterizedTest
        @ValueSource(doubles = {2, 0})
        void template(double x) {
            TINY.predict(TinyModel.inputs(x, 0));
        }
    }

    @NeuronCoverage(topK = 1)
    static class PartA {
        @Test
        void a() {
            TINY.predict(TinyModel.inputs(1, 0));
        }
    }

    @NeuronCoverage(topK = 1)
    static class PartB {
        @Test
        void b() {
            TINY.predict(TinyModel.inputs(0, 2, 2, 0));
        }
    }

    @NeuronCoverage(rules = @CoverageRule(element = Element.LAYER, criterion = Criterion.NC, minimum = 0.7))
    static class FailsGate {
        @Test
        void onlyOneInput() {
            TINY.predict(TinyModel.inputs(1, 0)); // dense1 (1,0,0): 1/3 covered; out (1,0): 1/2
        }
    }

    @NeuronCoverage(threshold = 0.25, rules = @CoverageRule(element = Element.MODEL, minimum = 1.0))
    static class PassesGate {
        @Test
        void twoInputs() {
            TINY.predict(TinyModel.inputs(1, 0, 0, 2));
        }
    }

    @NeuronCoverage(threshold = 1.5)
    static class ThresholdTooLarge {
        @Test
        void t() {}
    }

    @NeuronCoverage(k = 0)
    static class KTooSmall {
        @Test
        void t() {}
    }

    @NeuronCoverage(
            rules =
                    @CoverageRule(
                            element = Element.LAYER,
                            criterion = Criterion.TKNP,
                            value = CoverageRule.Value.COVEREDCOUNT,
                            minimum = 2))
    static class LayerRuleOnPatterns {
        @Test
        void t() {}
    }

    @NeuronCoverage(layers = "conv9")
    static class UnknownLayer {
        @Test
        void t() {
            TINY.predict(TinyModel.inputs(1, 0));
        }
    }

    @NeuronCoverage(criteria = Criterion.KMNC)
    static class DeepGaugeWithoutProfile {
        @Test
        void t() {}
    }

    static class MethodOnly {
        @Test
        @NeuronCoverage(threshold = 0.75)
        void covered() {
            TINY.predict(TinyModel.inputs(0, 2));
        }

        @Test
        void notCovered() {
            TINY.predict(TinyModel.inputs(1, 0));
        }
    }

    // ---- helpers ----

    private static EngineExecutionResults run(
            Path reportDir, boolean parallel, Map<String, String> extra, Class<?>... classes) {
        Map<String, String> params = new HashMap<>(extra);
        params.put("deepjunit.report.dir", reportDir.toString());
        params.put("junit.jupiter.execution.parallel.enabled", Boolean.toString(parallel));
        params.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        params.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(Stream.of(classes)
                        .map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    private static CoverageData jvmData(Path reportDir) throws IOException {
        return CoverageRun.mergeRun(CoverageRun.dataDir(reportDir), CoverageRun.runId());
    }

    // ---- tests ----

    @Test
    void recordsEveryForwardPassOfTheClassAndWritesTheDataFileAtEngineEnd(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report");
        run(report, false, Map.of(), FourInputs.class).testEvents().assertStatistics(s -> s.succeeded(4));
        CoverageData data = jvmData(report);
        assertThat(data.models()).hasSize(1);
        assertThat(data.models().get(0).samples()).isEqualTo(4);
        assertThat(data.models().get(0).count(Criterion.NC, 0, true)).containsExactly(5, 5);
        assertThat(data.models().get(0).count(Criterion.NC, 0.5, true)).containsExactly(4, 5);
    }

    @Test
    void parallelRunEqualsSequentialRun(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 3; i++) {
            Path seq = dir.resolve("seq" + i);
            Path par = dir.resolve("par" + i);
            run(seq, false, Map.of(), FourInputs.class, PartA.class, PartB.class)
                    .testEvents()
                    .assertStatistics(s -> s.failed(0));
            run(par, true, Map.of(), FourInputs.class, PartA.class, PartB.class)
                    .testEvents()
                    .assertStatistics(s -> s.failed(0));
            assertThat(OrderFree.json(jvmData(par))).isEqualTo(OrderFree.json(jvmData(seq)));
        }
    }

    /** Surefire forkCount=2: each fork writes its own data file; merged, they equal one JVM running both classes. */
    @Test
    void dataFilesOfTwoRunsMergeToTheRunOverBothClasses(@TempDir Path dir) throws IOException {
        run(dir.resolve("a"), false, Map.of(), PartA.class).testEvents().assertStatistics(s -> s.succeeded(1));
        run(dir.resolve("b"), false, Map.of(), PartB.class).testEvents().assertStatistics(s -> s.succeeded(1));
        run(dir.resolve("both"), false, Map.of(), PartA.class, PartB.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2));
        Path forks = dir.resolve("forks");
        Files.createDirectories(forks);
        Files.copy(
                CoverageRun.dataDir(dir.resolve("a")).resolve(CoverageRun.runId() + "-" + jvm(dir.resolve("a"))),
                forks.resolve("r-fork1.json"));
        Files.copy(
                CoverageRun.dataDir(dir.resolve("b")).resolve(CoverageRun.runId() + "-" + jvm(dir.resolve("b"))),
                forks.resolve("r-fork2.json"));
        CoverageData merged = CoverageRun.mergeRun(forks, "r");
        assertThat(OrderFree.json(merged)).isEqualTo(OrderFree.json(jvmData(dir.resolve("both"))));
        // x1 (1,0), x2 (0,2), x3 (2,0): top-1 patterns {d0,o0} and {d1,o1}
        assertThat(merged.models().get(0).patternCount()).isEqualTo(2);
        assertThat(merged.models().get(0).samples()).isEqualTo(3);
    }

    private static String jvm(Path reportDir) throws IOException {
        try (Stream<Path> files = Files.list(CoverageRun.dataDir(reportDir))) {
            String name = files.filter(f -> f.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow()
                    .getFileName()
                    .toString();
            return name.substring(CoverageRun.runId().length() + 1);
        }
    }

    @Test
    void gateViolationFailsTheClassWithJaCoCoShapedMessage(@TempDir Path dir) {
        EngineExecutionResults results = run(dir.resolve("r"), false, Map.of(), FailsGate.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(
                                instanceOf(AssertionError.class),
                                message(
                                        "Rule violated for layer dense1 of model tiny: NC covered ratio is 0.33, but expected minimum is 0.70\n"
                                                + "Rule violated for layer out of model tiny: NC covered ratio is 0.50, but expected minimum is 0.70")));
    }

    @Test
    void gateFromConfigurationAndPassingGate(@TempDir Path dir) {
        EngineExecutionResults passing = run(dir.resolve("p"), false, Map.of(), PassesGate.class);
        passing.allEvents()
                .assertThatEvents()
                .noneMatch(e -> e.getType() == EventType.FINISHED
                        && e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .map(r -> r.getStatus()
                                        != org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL)
                                .orElse(false));
        EngineExecutionResults failing = run(
                dir.resolve("f"),
                false,
                Map.of("deepjunit.coverage.rules", "MODEL:NC:MISSEDCOUNT::0"),
                FailsGate.class);
        failing.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        finishedWithFailure(message(m -> m.contains(
                                "Rule violated for model tiny: NC missed count is 3, but expected maximum is 0"))));
    }

    @Test
    void badConfigurationIsAClearExtensionConfigurationException(@TempDir Path dir) {
        expectConfigError(
                run(dir.resolve("1"), false, Map.of(), ThresholdTooLarge.class),
                "Invalid value '1.5' for @NeuronCoverage(threshold): expected a number between 0 and 1");
        expectConfigError(
                run(dir.resolve("2"), false, Map.of("deepjunit.coverage.threshold", "-0.1"), FourInputs.class),
                "Invalid value '-0.1' for deepjunit.coverage.threshold: expected a number between 0 and 1");
        expectConfigError(
                run(dir.resolve("3"), false, Map.of(), KTooSmall.class),
                "Invalid value '0' for @NeuronCoverage(k): expected an integer >= 1");
        expectConfigError(
                run(dir.resolve("4"), false, Map.of("deepjunit.coverage.k", "0"), FourInputs.class),
                "Invalid value '0' for deepjunit.coverage.k: expected an integer >= 1");
        expectConfigError(
                run(dir.resolve("5"), false, Map.of(), UnknownLayer.class),
                "Layer pattern 'conv9' (deepjunit.coverage.layers.include) matches no layer of model tiny; "
                        + "its layers are [input, dense1, out]");
        expectConfigError(
                run(dir.resolve("6"), false, Map.of(), DeepGaugeWithoutProfile.class),
                "KMNC needs a profile of the model over training data: set @NeuronCoverage(profileData = ...) or "
                        + "deepjunit.coverage.profile.data (MNIST IDX or .npy, classpath:/... or a file path)");
        expectConfigError(
                run(dir.resolve("7"), false, Map.of("deepjunit.coverage.rules", "LAYER:NC"), FourInputs.class),
                "Invalid value 'LAYER:NC' for deepjunit.coverage.rules: expected ELEMENT[(model)]:CRITERION:VALUE:"
                        + "MINIMUM[:MAXIMUM] such as LAYER:NC:COVEREDRATIO:0.70 or MODEL(lenet5):NC:COVEREDRATIO:0.5");
        expectConfigError(
                run(dir.resolve("8"), false, Map.of(), LayerRuleOnPatterns.class),
                "Invalid value 'LAYER:TKNP:COVEREDCOUNT:2.0' for @CoverageRule: expected a MODEL rule: TKNP counts"
                        + " patterns per model, not per layer");
        expectConfigError(
                run(dir.resolve("9"), false, Map.of("deepjunit.coverage.criteria", ""), FourInputs.class),
                "Invalid value '' for deepjunit.coverage.criteria: expected a comma-separated list of "
                        + java.util.Arrays.toString(Criterion.values()));
        expectConfigError(
                run(
                        dir.resolve("10"),
                        false,
                        Map.of("deepjunit.coverage.rules", "MODEL:NC:COVEREDRATIO:0.9:0.5"),
                        FourInputs.class),
                "Invalid value 'MODEL:NC:COVEREDRATIO:0.9:0.5' for deepjunit.coverage.rules: expected " + Gate.SYNTAX
                        + " (a minimum no larger than the maximum)");
        expectConfigError(
                run(dir.resolve("11"), false, Map.of("deepjunit.coverage.rules", " , "), FourInputs.class),
                "Invalid value ',' for deepjunit.coverage.rules: expected " + Gate.SYNTAX);
        expectConfigError(
                run(
                        dir.resolve("12"),
                        false,
                        Map.of("deepjunit.coverage.layers.exclude", "dense.*,out"),
                        FourInputs.class),
                "The layer patterns (deepjunit.coverage.layers.include [], deepjunit.coverage.layers.exclude "
                        + "[dense.*, out]) leave no layer of model tiny to count; its layers are [input, dense1, out]");
    }

    @Test
    void profileDataOfTheWrongShapeIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("wrong.npy");
        org.deepjunit.coverage.CoverageHandTestAccess.writeNpyFloat32(npy, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        expectConfigError(
                run(dir.resolve("r"), false, Map.of("deepjunit.coverage.profile.data", npy.toString()), PartA.class),
                "Profile data " + npy + " has samples of shape [3], which do not fit model tiny's input shape [2]");
    }

    private static void expectConfigError(EngineExecutionResults results, String expected) {
        results.allEvents()
                .assertThatEvents()
                .haveAtLeastOne(
                        finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expected)));
    }

    @Test
    void methodAnnotationRecordsOnlyThatMethodAndPublishesReportEntries(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(dir.resolve("r"), false, Map.of(), MethodOnly.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        CoverageData data = jvmData(dir.resolve("r"));
        assertThat(data.models().get(0).samples()).isEqualTo(1);
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
        // x2 (0,2): scaled dense1 (0,1,0.5), out (0,1): at t=0.75 2/5; top-2 dense1 {1,2}, out {0,1}
        assertThat(entries)
                .containsExactly(Map.of(
                        "deepjunit.coverage.tiny.NC",
                        "2/5 (40.0%)",
                        "deepjunit.coverage.tiny.TKNC",
                        "4/5 (80.0%)",
                        "deepjunit.coverage.tiny.TKNP",
                        "1"));
    }

    @Test
    void reportIsRenderedFromTheMergedDataWithSummaryLines(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report");
        run(report, false, Map.of("deepjunit.coverage.threshold", "0.5"), FourInputs.class, FailsGate.class);
        List<String> summary = CoverageRun.of(report).writeAndRender(CoverageReports::render);
        assertThat(summary)
                .containsExactly("DeepJUnit coverage tiny: NC(t=0.5) 4/5 = 80.0% \u00b7 report "
                        + report.toAbsolutePath().normalize().resolve("index.html"));
        assertThat(report.resolve(CoverageReportWriter.HTML_INDEX)).exists();
        assertThat(report.resolve(CoverageReportWriter.XML_FILE)).exists();
        assertThat(report.resolve(CoverageReportWriter.CSV_FILE)).exists();
        CoverageData merged = CoverageData.read(report.resolve(CoverageRun.DATA_FILE));
        NeuronCoverageReport r = CoverageReports.build(merged, "t", java.time.Instant.EPOCH, 0.5, true);
        ModelEntry tiny = r.models().get(0);
        assertThat(tiny.coveredCount()).isEqualTo(4);
        assertThat(tiny.gates()).hasSize(2).allMatch(g -> !g.passed());
        assertThat(Files.readString(report.resolve("criteria.html")))
                .contains("TKNC (k=2)")
                .contains("NC(t=0.75)");
    }
}
