package org.deepjunit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.deepjunit.coverage.CoverageData;

/** DeepJUnit coverage data files as the goals take them: files, or folders of {@code *.json} data files. */
final class DataFiles {

    private DataFiles() {}

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

    /** The union of the files' coverage: merging is order-independent (a monoid), so shards merge in any order. */
    static CoverageData merge(List<Path> files) throws MojoExecutionException {
        CoverageData merged = new CoverageData();
        for (Path f : files) {
            try {
                merged.merge(CoverageData.read(f));
            } catch (IOException | RuntimeException e) {
                throw new MojoExecutionException(
                        "DeepJUnit data file " + f + " is corrupt or not a coverage data file (" + e.getMessage()
                                + "): delete it and run its tests again",
                        e);
            }
        }
        return merged;
    }
}
