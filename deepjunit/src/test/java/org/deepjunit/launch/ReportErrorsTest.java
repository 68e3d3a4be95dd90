package org.deepjunit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.report.CoverageReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written is an error a person sees, naming the folder and the cause: the test class fails
 * where the folder is bad from the start, and the end of the run prints a block on stderr where only the merge
 * fails. Each case runs in a child JVM through a real launcher session.
 */
class ReportErrorsTest {

    @TempDir
    Path temp;

    @Test
    void aReportFolderThatIsAFileFailsTheClassNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("deepjunit"), "not a folder");
        ReportChild.Result run = ReportChild.run(file, "file", Map.of(), "First");
        assertThat(run.output())
                .contains("FAILURE: DeepJUnit cannot write the report folder " + file
                        + ": deepjunit.report.dir names a file, not a folder. Remove the file or set "
                        + "deepjunit.report.dir to a folder")
                .contains("SUCCEEDED: 0");
    }

    @Test
    void aReadOnlyReportFolderFailsTheClassNamingIt() throws Exception {
        Path report = temp.resolve("deepjunit");
        assertThat(ReportChild.run(report, "writable", Map.of(), "First").output())
                .contains("SUCCEEDED: 1");
        readOnly(report, true);
        try {
            ReportChild.Result run = ReportChild.run(report, "read-only", Map.of(), "First");
            assertThat(run.output())
                    .contains(
                            "FAILURE: DeepJUnit cannot write the report folder " + report + ": the folder is read-only")
                    .contains("Make it writable")
                    .contains("SUCCEEDED: 0");
        } finally {
            readOnly(report, false);
        }
    }

    @Test
    void corruptDataOfTheSameRunIsABlockOnStderrNamingFolderAndFile() throws Exception {
        Path report = temp.resolve("deepjunit");
        Path corrupt = temp.resolve("deepjunit-data/corrupt-4711-1.json");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "{\"models\": [tru"); // another fork's data file, cut short
        ReportChild.Result run = ReportChild.run(report, "corrupt", Map.of(), "First");
        assertThat(run.output())
                .contains("DeepJUnit: the neuron-coverage report was NOT written")
                .contains("folder: " + report)
                .contains("the data file " + corrupt + " of this run")
                .contains("is corrupt")
                .contains("Delete it and run the tests again");
        assertThat(report).doesNotExist();
    }

    @Test
    void aReportFolderWhoseParentIsMissingIsCreated() throws Exception {
        Path report = temp.resolve("build/reports/deepjunit");
        ReportChild.Result run = ReportChild.run(report, "parent", Map.of(), "First");
        assertThat(run.output()).contains("SUCCEEDED: 1").contains("DeepJUnit coverage tiny:");
        assertThat(report.resolve(CoverageReportWriter.HTML_INDEX)).isRegularFile();
        assertThat(report.resolve(CoverageRun.DATA_FILE)).isRegularFile();
    }

    /** Read-only even for root, who ignores permission bits: the immutable attribute then. */
    private static void readOnly(Path dir, boolean on) throws IOException, InterruptedException {
        if (System.getProperty("user.name").equals("root")) {
            Process p = new ProcessBuilder(List.of("chattr", on ? "+i" : "-i", dir.toString()))
                    .inheritIO()
                    .start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0)
                    .as("chattr")
                    .isTrue();
        } else {
            assertThat(dir.toFile().setWritable(!on, false)).isTrue();
        }
    }
}
