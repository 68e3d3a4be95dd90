package org.deepjunit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.OrderFree;
import org.deepjunit.report.CoverageReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surefire runs each test class as a plan of its own in one launcher session per fork: the report is rendered once
 * per JVM, at the session's end, and the report merged from two forks equals the one of a single JVM.
 */
class ReportOncePerJvmTest {

    @TempDir
    Path temp;

    @Test
    void threeClassesInOneForkRenderOnceWithOneSummaryLinePerModel() throws Exception {
        ReportChild.Result fork =
                ReportChild.run(temp.resolve("deepjunit"), "once", Map.of(), "First", "Second", "Third");
        assertThat(fork.output()).contains("SUCCEEDED: 3");
        assertThat(fork.count("DeepJUnit coverage ")).as(fork.output()).isEqualTo(2); // tiny, tiny2
    }

    @Test
    void twoForksSharingARunIdMergeToTheReportOfOneJvm() throws Exception {
        Path single = temp.resolve("single/deepjunit");
        assertThat(ReportChild.run(single, "single", Map.of(), "First", "Second", "Third")
                        .output())
                .contains("SUCCEEDED: 3");

        Path forked = temp.resolve("forked/deepjunit");
        CompletableFuture<ReportChild.Result> fork1 = CompletableFuture.supplyAsync(() -> run(forked, "First"));
        ReportChild.Result fork2 = run(forked, "Second", "Third");
        assertThat(fork1.join().output()).contains("SUCCEEDED: 1");
        assertThat(fork2.output()).contains("SUCCEEDED: 2");

        // the same figures; the growth ordinals follow the order in which the forks' inputs were merged
        assertThat(OrderFree.json(CoverageData.read(forked.resolve(CoverageRun.DATA_FILE))))
                .isEqualTo(OrderFree.json(CoverageData.read(single.resolve(CoverageRun.DATA_FILE))));
        assertThat(forked.resolve(CoverageReportWriter.XML_FILE))
                .hasSameTextualContentAs(single.resolve(CoverageReportWriter.XML_FILE));
        assertThat(forked.resolve(CoverageReportWriter.CSV_FILE))
                .hasSameTextualContentAs(single.resolve(CoverageReportWriter.CSV_FILE));
    }

    private static ReportChild.Result run(Path report, String... classes) {
        try {
            return ReportChild.run(report, "forked", Map.of(), classes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
