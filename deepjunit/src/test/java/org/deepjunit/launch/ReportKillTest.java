package org.deepjunit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.report.CoverageReportWriter;
import org.deepjunit.report.CoverageReports;
import org.deepjunit.report.ReportFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Surefire fork killed while it writes the report (it halts itself at a chosen point with {@code Runtime.halt(137)},
 * as {@code kill -9} would leave it): after the next run's recovery the report folder is a complete report, old or
 * new, no {@code .deepjunit.new-*}/{@code .old-*} folder is left, and every saved input is still there.
 */
class ReportKillTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"rendering, 1", "before-swap, 1", "mid-swap, 2", "after-swap, 2"})
    void aKillAtAnyPointLeavesACompleteReportAfterRecoveryAndLosesNoSavedInput(String point, int expectedInputs)
            throws Exception {
        Path report = temp.resolve("deepjunit");
        ReportChild.Result old = ReportChild.run(
                report, "old-" + point, Map.of(ReportChild.SAVE, "a", ReportChild.INPUTS, "1"), "First");
        assertThat(old.exit()).as(old.output()).isZero();
        assertThat(completeReportInputs(report)).isEqualTo(1);

        ReportChild.Result killed = ReportChild.run(
                report,
                "new-" + point,
                Map.of(ReportChild.SAVE, "b", ReportChild.INPUTS, "2", "deepjunit.test.haltAt", point),
                "First");
        assertThat(killed.exit())
                .as("halted at " + point + ": " + killed.output())
                .isEqualTo(137);
        assertThat(orphans()).as("what the kill left beside the report").isNotEmpty();
        if (!point.equals("mid-swap")) { // the one moment with no report folder: recovery moves the new one in
            assertThat(completeReportInputs(report))
                    .as("before recovery: the report folder is whole")
                    .isEqualTo(point.equals("after-swap") ? 2 : 1);
            assertSaved(report, "a", "b");
        }

        ReportFolder.recover(report); // what the next run does first
        assertThat(orphans()).isEmpty();
        assertThat(completeReportInputs(report))
                .as("old report: 1 input, new: 2")
                .isEqualTo(expectedInputs);
        assertSaved(report, "a", "b");

        ReportChild.Result next = ReportChild.run(report, "next-" + point, Map.of(ReportChild.INPUTS, "3"), "First");
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(completeReportInputs(report)).isEqualTo(3);
        assertSaved(report, "a", "b");
        assertThat(orphans()).isEmpty();
    }

    /** A killed run recovered by the next run's start alone, without a call from the test. */
    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({"mid-swap", "after-swap"})
    void theNextRunRecoversByItself(String point) throws Exception {
        Path report = temp.resolve("deepjunit");
        ReportChild.run(report, "old-" + point, Map.of(ReportChild.SAVE, "a"), "First");
        ReportChild.Result killed = ReportChild.run(
                report, "new-" + point, Map.of(ReportChild.SAVE, "b", "deepjunit.test.haltAt", point), "First");
        assertThat(killed.exit()).isEqualTo(137);
        ReportChild.Result next = ReportChild.run(report, "next-" + point, Map.of(ReportChild.SAVE, "c"), "First");
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(orphans()).isEmpty();
        completeReportInputs(report);
        assertSaved(report, "a", "b", "c");
    }

    private Stream<String> orphans() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".deepjunit."))
                    .toList()
                    .stream();
        }
    }

    /**
     * Asserts every file of a report is there and its XML is the rendering of its data file.
     *
     * @return the number of inputs the report's data file recorded for model "tiny"
     */
    private int completeReportInputs(Path report) throws IOException {
        for (String file : new String[] {
            CoverageReportWriter.HTML_INDEX,
            CoverageReportWriter.XML_FILE,
            CoverageReportWriter.CSV_FILE,
            CoverageReportWriter.CRITERIA_FILE,
            CoverageRun.DATA_FILE,
            ReportFolder.COMPLETE
        }) {
            assertThat(report.resolve(file)).as("report file " + file).isRegularFile();
        }
        CoverageData data = CoverageData.read(report.resolve(CoverageRun.DATA_FILE));
        Path rerendered = temp.resolve("rerendered-" + System.nanoTime());
        CoverageReportWriter.write(
                CoverageReports.build(data, "DeepJUnit neuron coverage", Instant.now(), null, null), rerendered);
        assertThat(report.resolve(CoverageReportWriter.XML_FILE))
                .as("the XML and the data file are of the same run")
                .hasSameTextualContentAs(rerendered.resolve(CoverageReportWriter.XML_FILE));
        return (int) data.models().get(0).samples();
    }

    private static void assertSaved(Path report, String... names) {
        for (String name : names) {
            assertThat(report.resolve("generated/First/" + name + ".npy")).isRegularFile();
            assertThat(report.resolve("generated/First/" + name + ".json")).isRegularFile();
        }
    }
}
