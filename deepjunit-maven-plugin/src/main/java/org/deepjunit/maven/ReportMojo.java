package org.deepjunit.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deepjunit.coverage.CoverageRun;

/**
 * Renders the neuron-coverage report from the data files the tests wrote (every Surefire fork's), after the tests:
 * bound to {@code verify}. Unlike the report the tests render in their own JVM, a report that cannot be written
 * here fails the build.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractMojo {

    /** Where the report goes; its data files are read from the sibling folder {@code <reportDir>-data}. */
    @Parameter(property = "deepjunit.report.dir", defaultValue = "${project.build.directory}/deepjunit")
    File reportDir;

    /** Data files or folders to render instead of {@code <reportDir>-data} (merged data of shards, say). */
    @Parameter
    List<File> dataFiles;

    /** The NC threshold of the summary and the HTML; default: the one the recordings used (else t = 0). */
    @Parameter(property = "deepjunit.coverage.threshold")
    Double threshold;

    /** Scaled (DeepXplore) or raw values for NC; default: as recorded. */
    @Parameter(property = "deepjunit.coverage.scaled")
    Boolean scaled;

    @Parameter(property = "deepjunit.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("DeepJUnit report skipped");
            return;
        }
        List<Path> files = DataFiles.configuredOrRun(dataFiles, reportDir);
        if (files.isEmpty()) {
            getLog().info("No DeepJUnit coverage data in " + CoverageRun.dataDir(reportDir.toPath())
                    + ": no report to write");
            return;
        }
        DataFiles.render(DataFiles.merge(files), reportDir, threshold, scaled, getLog());
    }
}
