package org.deepjunit.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Gate;

/**
 * Fails the build when coverage misses a rule, like {@code jacoco:check}: rules in the syntax of
 * {@code deepjunit.coverage.rules} ({@code ELEMENT[(model)]:CRITERION:VALUE:MINIMUM[:MAXIMUM]}), judged on the merged data of the run (or of the given
 * data files).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** The rules, separated by commas or new lines, such as {@code MODEL:NC:COVEREDRATIO:0.50}. */
    @Parameter(property = "deepjunit.coverage.rules", required = true)
    String rules;

    @Parameter(property = "deepjunit.report.dir", defaultValue = "${project.build.directory}/deepjunit")
    File reportDir;

    /** Data files or folders to check instead of {@code <reportDir>-data}. */
    @Parameter
    List<File> dataFiles;

    /** The NC threshold the rules are judged at; default DeepXplore's 0. */
    @Parameter(property = "deepjunit.coverage.threshold", defaultValue = "0")
    double threshold;

    @Parameter(property = "deepjunit.coverage.scaled", defaultValue = "true")
    boolean scaled;

    /** Whether a violated rule fails the build (else it is logged as a warning). */
    @Parameter(property = "deepjunit.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> files = DataFiles.configuredOrRun(dataFiles, reportDir);
        if (files.isEmpty()) {
            throw new MojoFailureException("No DeepJUnit coverage data in " + CoverageRun.dataDir(reportDir.toPath())
                    + " to check: did the tests run with @NeuronCoverage?");
        }
        List<Gate> gates;
        try {
            gates = Gate.parse(rules.replace('\n', ','));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Bad DeepJUnit rule in '" + rules + "': " + e.getMessage(), e);
        }
        CoverageData data = DataFiles.merge(files);
        List<String> violated = gates.stream()
                .flatMap(g -> g.check(data, threshold, scaled).stream())
                .filter(v -> !v.passed())
                .map(CoverageData.Verdict::message)
                .toList();
        if (violated.isEmpty()) {
            getLog().info("DeepJUnit coverage rules met: " + rules.strip());
            return;
        }
        violated.forEach(getLog()::warn);
        if (haltOnFailure) {
            throw new MojoFailureException("DeepJUnit coverage check failed: " + String.join("; ", violated));
        }
    }
}
