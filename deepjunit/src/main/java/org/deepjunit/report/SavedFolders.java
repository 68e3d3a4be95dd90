package org.deepjunit.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The saved inputs of a report ({@link CoverageReportWriter#KEPT}: {@code generated/}, {@code inputs/}) carried
 * from one report folder to another: linked into a new report before it is swapped in, so that the old report
 * stays whole until the swap, and merged from a report that is going away, so that nothing only it holds is lost.
 * Hidden files (temporary files of a save in progress) are left out.
 */
final class SavedFolders {

    private SavedFolders() {}

    /** Hard-links (copies, where links are not supported) every saved file of {@code from} into {@code to}. */
    static void linkInto(Path from, Path to) throws IOException {
        for (Path file : savedFiles(from)) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, file);
            } catch (FileAlreadyExistsException e) {
                // the renderer wrote it already
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(file, target);
            }
        }
    }

    /**
     * Moves into {@code to} every saved file of {@code from} that {@code to} lacks.
     *
     * @return whether a file was moved
     */
    static boolean mergeInto(Path from, Path to) throws IOException {
        boolean moved = false;
        for (Path file : savedFiles(from)) {
            Path target = to.resolve(from.relativize(file).toString());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Files.move(file, target);
                moved = true;
            }
        }
        return moved;
    }

    private static List<Path> savedFiles(Path report) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String kept : CoverageReportWriter.KEPT) {
            Path dir = report.resolve(kept);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .forEach(files::add);
                }
            }
        }
        return files;
    }
}
