package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path temp;

    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(
                        dir.relativize(p),
                        new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static NeuronCoverageReport other() {
        LayerEntry fc = new LayerEntry("fc9", "dense", List.of(new NeuronEntry(0, false, 0.1)), List.of());
        return new NeuronCoverageReport(
                "Second run",
                Instant.parse("2025-02-01T00:00:00Z"),
                List.of(new ModelEntry("other", "d", 0.5, List.of(fc), List.of(), List.of(), List.of())));
    }

    /** Only the report directory and its lock's folder remain: no temporary or old siblings. */
    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("deepjunit", "deepjunit-data");
        }
    }

    @Test
    void existingReportSurvivesARenderThatFailsMidway() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
        Map<Path, String> before = snapshot(dir);
        assertThat(before)
                .containsKeys(
                        Path.of("index.html"),
                        Path.of("deepjunit.xml"),
                        Path.of("deepjunit.csv"),
                        Path.of("criteria.html"));

        // the real renderer writes the new report, then the write fails (e.g. disk full) before the swap
        assertThatThrownBy(() -> CoverageReportWriter.writeAtomically(dir, into -> {
                    CoverageReportWriter.render(other(), into);
                    assertThat(into.resolve("index.html")).exists();
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
        assertThat(snapshot(dir)).isEqualTo(before);
        assertNoLeftovers();

        // a runtime failure inside the JaCoCo renderer itself: a locator that breaks while the HTML is half written
        assertThatThrownBy(() -> CoverageReportWriter.writeAtomically(dir, into -> {
                    Files.writeString(into.resolve("index.html"), "half");
                    throw new IllegalStateException("renderer crashed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(snapshot(dir)).isEqualTo(before);
        assertNoLeftovers();
    }

    @Test
    void overwritesAnExistingReport() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
        Files.writeString(dir.resolve("stale.txt"), "from an older version");
        CoverageReportWriter.write(other(), dir);
        assertThat(dir.resolve("stale.txt")).doesNotExist();
        String index = ReportFiles.read(dir.resolve("neurons/index.html"));
        assertThat(index).contains("<h1>Second run</h1>").doesNotContain("lenet");
        assertThat(ReportFiles.totals(index)).containsExactly(1, 1, 1, 1);
        assertThat(ReportFiles.read(dir.resolve("deepjunit.xml")))
                .contains("<group name=\"other\">")
                .doesNotContain("lenet");
        assertNoLeftovers();
    }

    @Test
    void createsMissingParentsAndRejectsAFile() throws IOException {
        Path dir = temp.resolve("a/b/deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
        assertThat(dir.resolve("index.html")).exists();

        Path file = temp.resolve("file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> CoverageReportWriter.write(ReportFixtures.twoModels(), file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("names a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void concurrentWritesToDifferentDirectories() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Path dir = temp.resolve("r" + i);
            Thread t = new Thread(() -> {
                try {
                    CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        for (int i = 0; i < 4; i++) {
            assertThat(ReportFiles.totals(ReportFiles.read(temp.resolve("r" + i).resolve("neurons/index.html"))))
                    .containsExactly(12, 23, 12, 23);
        }
    }

    @Test
    void savedInputFoldersSurviveTheReplacementAndAreLinkedFromTheCriteriaPage() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
        assertThat(Files.readString(dir.resolve(CoverageReportWriter.CRITERIA_FILE)))
                .doesNotContain("Saved inputs:");
        // written during the next run, before the coverage report replaces the previous one
        Files.createDirectories(dir.resolve("generated/LeNetTest.lighting"));
        Files.writeString(dir.resolve("generated/index.html"), "generated index");
        Files.writeString(dir.resolve("generated/LeNetTest.lighting/0-seed17.json"), "{}");
        Files.createDirectories(dir.resolve("inputs"));
        Files.writeString(dir.resolve("inputs/index.html"), "inputs index");
        Files.writeString(dir.resolve("inputs/abc123.npy"), "npy");
        Files.createDirectories(dir.resolve("robustness/T.m"));
        Files.writeString(dir.resolve("robustness/index.html"), "robustness index");
        Files.writeString(dir.resolve("robustness/T.m/3-adversarial.npy"), "npy");

        CoverageReportWriter.write(other(), dir);

        assertThat(Files.readString(dir.resolve("generated/index.html"))).isEqualTo("generated index");
        assertThat(dir.resolve("generated/LeNetTest.lighting/0-seed17.json")).exists();
        assertThat(Files.readString(dir.resolve("inputs/index.html"))).isEqualTo("inputs index");
        assertThat(dir.resolve("inputs/abc123.npy")).exists();
        assertThat(dir.resolve("robustness/T.m/3-adversarial.npy")).exists();
        assertThat(dir.resolve("index.html")).exists();
        String criteria = Files.readString(dir.resolve(CoverageReportWriter.CRITERIA_FILE));
        assertThat(criteria)
                .contains("Second run")
                .contains("<a href=\"generated/index.html\">generated inputs (@GeneratedInputs)</a>;")
                .contains("<a href=\"inputs/index.html\">inputs the models disagreed on (@DifferentialAgainst)</a>;")
                .contains("<a href=\"robustness/index.html\">adversarial examples (@ModelQuality)</a>.");
        assertNoLeftovers();
    }

    /** Models' pages live under neurons/, so a model may take the name of a saved-input folder. */
    @Test
    void aModelNamedLikeASavedInputFolderLeavesTheFolderAlone() throws IOException {
        Path dir = temp.resolve("deepjunit");
        Files.createDirectories(dir.resolve("generated"));
        Files.writeString(dir.resolve("generated/index.html"), "generated index");
        LayerEntry fc = new LayerEntry("fc", "dense", List.of(new NeuronEntry(0, true, 0.9)), List.of());
        NeuronCoverageReport report = new NeuronCoverageReport(
                "r",
                Instant.parse("2025-02-01T00:00:00Z"),
                List.of(new ModelEntry("generated", "d", 0.5, List.of(fc), List.of(), List.of(), List.of())));
        CoverageReportWriter.write(report, dir);
        assertThat(Files.readString(dir.resolve("generated/index.html"))).isEqualTo("generated index");
        assertThat(dir.resolve("neurons/generated/index.html")).isRegularFile();
    }
}
