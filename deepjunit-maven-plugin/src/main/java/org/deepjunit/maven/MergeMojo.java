package org.deepjunit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deepjunit.coverage.CoverageData;

/**
 * Merges DeepJUnit coverage data files (of Surefire forks, reactor modules or the jobs of a CI matrix) into one,
 * which {@code report} and {@code check} then take as {@code dataFiles}. Merging is order-independent.
 */
@Mojo(name = "merge", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class MergeMojo extends AbstractMojo {

    /** The data files, or folders of them, to merge. */
    @Parameter(required = true)
    List<File> dataFiles;

    /** The merged data file, written atomically. */
    @Parameter(property = "deepjunit.destFile", defaultValue = "${project.build.directory}/deepjunit-merged.json")
    File destFile;

    @Override
    public void execute() throws MojoExecutionException {
        List<Path> files = DataFiles.expand(dataFiles);
        if (files.isEmpty()) {
            throw new MojoExecutionException("No DeepJUnit data files in " + dataFiles + " to merge");
        }
        CoverageData merged = DataFiles.merge(files);
        try {
            merged.write(destFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write merged DeepJUnit data to " + destFile + ": " + e, e);
        }
        getLog().info("Merged " + files.size() + " DeepJUnit data files into " + destFile);
    }
}
