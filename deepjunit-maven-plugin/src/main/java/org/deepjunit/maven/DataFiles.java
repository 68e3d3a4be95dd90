package org.deepjunit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.quality.RunFigures;
import org.deepjunit.report.CoverageReports;

/** What the goals share: finding data files, merging them, rendering a report from them. */
final class DataFiles {

    private DataFiles() {}

    /** The {@code dataFiles} configured, else the data folder beside {@code reportDir} that the tests write. */
    static List<Path> configuredOrRun(List<File> dataFiles, File reportDir) throws MojoExecutionException {
        return expand(
                dataFiles == null || dataFiles.isEmpty()
                        ? List.of(CoverageRun.dataDir(reportDir.toPath()).toFile())
                        : dataFiles);
    }

    /**
     * The quality figure files of the configured data folders ({@code quality/} in each), else of the run's data
     * folder.
     */
    static List<Path> qualityFiles(List<File> dataFiles, File reportDir) throws MojoExecutionException {
        List<File> folders = new ArrayList<>();
        if (dataFiles == null || dataFiles.isEmpty()) {
            folders.add(RunFigures.dir(reportDir.toPath()).toFile());
        } else {
            dataFiles.forEach(f -> folders.add(new File(f, "quality")));
        }
        return expand(folders);
    }

    /** Every data file under {@code locations}, folders expanded (sorted by name), in the order given. */
    static List<Path> expand(List<File> locations) throws MojoExecutionException {
        List<Path> files = new ArrayList<>();
        for (File location : locations) {
            Path p = location.toPath();
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new MojoExecutionException("Cannot list DeepJUnit data files in " + p + ": " + e, e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        return files;
    }

    /** The union of the files' coverage, in any order ({@link CoverageData#readAll}). */
    static CoverageData merge(List<Path> files) throws MojoExecutionException {
        try {
            return CoverageData.readAll(files, "");
        } catch (IOException e) {
            throw new MojoExecutionException("DeepJUnit: " + e.getMessage(), e);
        }
    }

    /** Renders {@code data} into {@code reportDir}, logging the summary lines; a report not written fails the build. */
    static void render(CoverageData data, File reportDir, Double threshold, Boolean scaled, Log log)
            throws MojoExecutionException {
        try {
            for (String line : CoverageReports.render(data, reportDir.toPath(), threshold, scaled)) {
                log.info(line);
            }
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException(
                    "Cannot write the DeepJUnit report to " + reportDir + ": " + e.getMessage()
                            + ". Make the folder writable, or point the goal's reportDir elsewhere",
                    e);
        }
    }
}
