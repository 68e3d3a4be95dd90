package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ReportFolder#recover} makes of the folders an interrupted swap leaves beside the report. */
class ReportFolderRecoveryTest {

    @TempDir
    Path temp;

    private Path report() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
        return dir;
    }

    private static void save(Path report, String file, String text) throws IOException {
        Path f = report.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(temp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void orphansGiveTheReportTheSavedInputsOnlyTheyHoldAndAreRemoved() throws IOException {
        Path report = report();
        save(report, "generated/T.m/1-seed1.npy", "in the report");
        Path old = temp.resolve(".deepjunit.old-123");
        save(old, "generated/T.m/1-seed1.npy", "older copy");
        save(old, "generated/T.m/2-seed7.npy", "only here");
        save(old, "index.html", "old page");
        Path partial = temp.resolve(".deepjunit.new-456");
        save(partial, "inputs/Diff.t/x.json", "only here too");

        ReportFolder.recover(report);

        assertThat(siblings()).containsExactly("deepjunit", "deepjunit-data");
        assertThat(report.resolve("generated/T.m/1-seed1.npy")).hasContent("in the report");
        assertThat(report.resolve("generated/T.m/2-seed7.npy")).hasContent("only here");
        assertThat(report.resolve("inputs/Diff.t/x.json")).hasContent("only here too");
        assertThat(Files.readString(report.resolve("index.html"))).isNotEqualTo("old page");
    }

    @Test
    void withNoReportTheCompleteNewOneIsMovedInElseTheOldOneBack() throws IOException {
        Path report = report();
        Path complete = temp.resolve(".deepjunit.new-1");
        Files.move(report, complete); // the new report, marker included, not yet swapped in
        save(temp.resolve(".deepjunit.old-1"), "generated/a.npy", "old");
        save(temp.resolve(".deepjunit.new-2"), "index.html", "half-written, no marker");

        ReportFolder.recover(report);
        assertThat(report.resolve(ReportFolder.COMPLETE)).exists();
        assertThat(report.resolve("generated/a.npy")).hasContent("old");
        assertThat(siblings()).containsExactly("deepjunit", "deepjunit-data");

        Files.move(report, temp.resolve(".deepjunit.old-2")); // killed with the old report aside, nothing new
        ReportFolder.recover(report);
        assertThat(report.resolve(CoverageReportWriter.XML_FILE)).exists();
        assertThat(siblings()).containsExactly("deepjunit", "deepjunit-data");
    }
}
