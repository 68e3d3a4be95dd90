package org.deepjunit.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.deepjunit.coverage.CoverageRun;

/**
 * One report for a multi-module reactor, like {@code jacoco:report-aggregate}: the data files of every module of the
 * build that has run its tests, merged and rendered. Run it in a module built after the others (one that depends
 * on them), so that their tests have run.
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportAggregateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Where the aggregate report goes. */
    @Parameter(property = "deepjunit.aggregate.dir", defaultValue = "${project.build.directory}/deepjunit-aggregate")
    File reportDir;

    /** The name of each module's report folder under its build directory, whose data files are read. */
    @Parameter(defaultValue = "deepjunit")
    String moduleReportName;

    @Parameter(property = "deepjunit.coverage.threshold")
    Double threshold;

    @Parameter(property = "deepjunit.coverage.scaled")
    Boolean scaled;

    @Override
    public void execute() throws MojoExecutionException {
        List<File> dataDirs = new ArrayList<>();
        for (MavenProject module : session.getProjects()) {
            Path data = CoverageRun.dataDir(Path.of(module.getBuild().getDirectory(), moduleReportName));
            if (Files.isDirectory(data)) {
                dataDirs.add(data.toFile());
            }
        }
        List<Path> files = DataFiles.expand(dataDirs);
        if (files.isEmpty()) {
            getLog().info("No DeepJUnit coverage data in any module of this build: no aggregate report to write");
            return;
        }
        DataFiles.render(DataFiles.merge(files), reportDir, threshold, scaled, getLog());
        getLog().info("DeepJUnit aggregate of " + dataDirs.size() + " modules (" + files.size() + " data files) in "
                + reportDir);
    }
}
