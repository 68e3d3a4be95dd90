package org.deepjunit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deepjunit.data.FolderLock;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.report.CoverageReportWriter;
import org.deepjunit.report.ReportFolder;
import org.deepjunit.report.quality.QualityPages;

/**
 * The end of the run's quality pages: for every history this JVM recorded runs in ({@link QualityHistory#written()}),
 * the pages of its project ({@link QualityPages}) in {@code quality/} of the run's report folder, written holding the
 * report folder's lock (other forks render there too) after recovering an interrupted report swap. A history whose
 * SQLite file, or whose report folder's parent, is gone by then (a test's temporary folder) is skipped.
 */
final class HistoryPages {

    private HistoryPages() {}

    /**
     * Renders the pages of every history written; prints one line per project to {@code out}.
     *
     * @return the pages that could not be written, each naming its folder and cause; empty when all were
     */
    static List<Failure> renderAll(PrintStream out) {
        List<Failure> failures = new ArrayList<>();
        for (QualityHistory.Written written : QualityHistory.written()) {
            try {
                render(written).ifPresent(out::println);
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(written.reportDir().resolve(CoverageReportWriter.QUALITY), e));
            }
        }
        return failures;
    }

    /** The pages of one history; the summary line, empty when it was skipped. */
    static Optional<String> render(QualityHistory.Written written) throws IOException {
        Path reportDir = written.reportDir();
        if ((written.file() != null && !Files.isRegularFile(written.file()))
                || (written.reportParentExisted() && !Files.isDirectory(reportDir.getParent()))) {
            return Optional.empty();
        }
        Path index;
        try (HistoryStore history = written.url().equals("default")
                ? HistoryStore.openDefault(written.project())
                : HistoryStore.open(written.url())) {
            index = FolderLock.locked(reportDir, () -> {
                ReportFolder.recover(reportDir);
                return QualityPages.write(history, written.project(), reportDir.resolve(CoverageReportWriter.QUALITY));
            });
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = index.startsWith(cwd) ? cwd.relativize(index) : index;
        return Optional.of("DeepJUnit quality of " + written.project() + ": pages " + shown);
    }

    /** Quality pages that could not be written. */
    record Failure(Path folder, Exception cause) {
        /** A block for the console, naming the folder, the cause and what to do. */
        String describe() {
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            String rule = "=".repeat(100);
            return rule + "\nDeepJUnit: the quality pages were NOT written\n  folder: " + folder + "\n  cause:  "
                    + message + "\n" + rule;
        }
    }
}
