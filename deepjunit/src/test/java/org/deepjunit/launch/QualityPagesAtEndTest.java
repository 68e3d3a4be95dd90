package org.deepjunit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.report.CoverageReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality pages at the end of a real launcher session (a Surefire fork in miniature, {@link ReportChild}): written
 * before the coverage report, kept and linked by it, written without one, not written without a history, and a page
 * that cannot be written fails the run naming the folder.
 */
class QualityPagesAtEndTest {

    @TempDir
    Path temp;

    private Map<String, String> history(String url) {
        return Map.of(
                ReportChild.HISTORY_URL,
                url,
                "deepjunit.quality.history.project",
                "child",
                "deepjunit.quality.approved.dir",
                temp.resolve("approved").toString());
    }

    private Map<String, String> history() {
        return history("jdbc:sqlite:" + temp.resolve("history.db"));
    }

    @Test
    void thePagesComeBeforeTheCoverageReportWhichKeepsAndLinksThem() throws Exception {
        Path report = temp.resolve("deepjunit");
        ReportChild.Result run = ReportChild.run(report, "pages", history(), "Gated", "First");
        assertThat(run.output()).contains("SUCCEEDED: 2").doesNotContain("FAILED");
        String quality = "DeepJUnit quality of child: pages " + report.resolve("quality/index.html");
        assertThat(run.output()).contains(quality).contains("DeepJUnit coverage tiny:");
        assertThat(run.output().indexOf(quality)).isLessThan(run.output().indexOf("DeepJUnit coverage tiny:"));
        assertThat(report.resolve("quality/index.html")).isRegularFile();
        assertThat(report.resolve("quality/tiny.html")).isRegularFile();
        assertThat(report.resolve("quality/tiny/accuracy.png")).isRegularFile();
        assertThat(Files.readString(report.resolve(CoverageReportWriter.NEURONS + "/index.html")))
                .contains("<a href=\"../quality/index.html\" class=\"el_report\">Quality</a>");
        assertThat(Files.readString(report.resolve(CoverageReportWriter.HTML_INDEX)))
                .contains("<a href=\"quality/index.html\">Quality, robustness and fairness</a>");
        assertThat(Files.readString(report.resolve(CoverageReportWriter.CRITERIA_FILE)))
                .contains("<a href=\"quality/index.html\">Quality</a>");
        // the @NeuronCoverage class's coverage is in the history too, on the same model's page
        assertThat(Files.readString(report.resolve("quality/tiny.html"))).contains("coverage: NC(t=0.0)");
    }

    @Test
    void withoutCoverageThePagesAreWrittenAloneAndTheNextRunAddsAPoint() throws Exception {
        Path report = temp.resolve("deepjunit");
        assertThat(ReportChild.run(report, "alone-1", history(), "Gated").output())
                .contains("SUCCEEDED: 1", "DeepJUnit quality of child: pages ");
        ReportChild.Result second = ReportChild.run(report, "alone-2", history(), "Gated");
        assertThat(second.output()).contains("SUCCEEDED: 1").doesNotContain("DeepJUnit coverage");
        assertThat(report.resolve(CoverageReportWriter.HTML_INDEX)).doesNotExist();
        String page = Files.readString(report.resolve("quality/tiny.html"));
        assertThat(page).contains("2 runs recorded by 1 test");
        assertThat(page.split("<table class=\"points\">")[1].split("</table>")[0])
                .containsOnlyOnce("<td class=\"num\">1</td>")
                .containsOnlyOnce("<td class=\"num\">2</td>");
    }

    @Test
    void withoutAHistoryNoPages() throws Exception {
        Path report = temp.resolve("deepjunit");
        ReportChild.Result run = ReportChild.run(report, "none", history("none"), "Gated", "First");
        assertThat(run.output()).contains("SUCCEEDED: 2").doesNotContain("DeepJUnit quality");
        assertThat(report.resolve(CoverageReportWriter.HTML_INDEX)).isRegularFile();
        assertThat(report.resolve("quality")).doesNotExist();
        assertThat(Files.readString(report.resolve(CoverageReportWriter.HTML_INDEX)))
                .doesNotContain("quality/index.html");
    }

    @Test
    void pagesThatCannotBeWrittenFailTheRunNamingTheFolder() throws Exception {
        Path report = temp.resolve("deepjunit");
        Files.createDirectories(report);
        Files.writeString(report.resolve("quality"), "a file where the pages go");
        ReportChild.Result run = ReportChild.run(report, "blocked", history(), "Gated");
        assertThat(run.output())
                .contains("SUCCEEDED: 1")
                .contains("DeepJUnit: the quality pages were NOT written")
                .contains("folder: " + report.resolve("quality"))
                .contains("cause:  DeepJUnit cannot write the report folder " + report.resolve("quality"))
                .contains("SESSION CLOSE FAILED: ");
    }
}
