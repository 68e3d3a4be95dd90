package org.deepjunit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.deepjunit.quality.QualityRule;
import org.deepjunit.quality.RunFigures;

/**
 * Fails the build when the run misses a rule, like {@code jacoco:check}: coverage rules in the syntax of {@code
 * deepjunit.coverage.rules} ({@code ELEMENT[(model)]:CRITERION:VALUE:MINIMUM[:MAXIMUM]}), judged on the merged
 * coverage data, and quality rules ({@code MODEL[SLICE]:METRIC:atLeast|atMost:LIMIT}), judged on every figure the
 * run's {@code @ModelQuality} tests measured; both from the run's data folder or the given data folders.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** Coverage rules, separated by commas or new lines, such as {@code MODEL:NC:COVEREDRATIO:0.50}. */
    @Parameter(property = "deepjunit.coverage.rules")
    String rules;

    /** Quality rules, separated by commas or new lines, such as {@code lenet5:accuracy:atLeast:0.98}. */
    @Parameter(property = "deepjunit.quality.rules")
    String qualityRules;

    @Parameter(property = "deepjunit.report.dir", defaultValue = "${project.build.directory}/deepjunit")
    File reportDir;

    /** Data files or folders to check instead of {@code <reportDir>-data}; quality figures are read from folders. */
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
        if (blank(rules) && blank(qualityRules)) {
            throw new MojoExecutionException("deepjunit:check has no rules: configure <rules> (coverage, e.g."
                    + " MODEL:NC:COVEREDRATIO:0.50) or <qualityRules> (e.g. lenet5:accuracy:atLeast:0.98)");
        }
        List<String> violated = new ArrayList<>();
        if (!blank(rules)) {
            violated.addAll(coverageViolations());
        }
        if (!blank(qualityRules)) {
            violated.addAll(qualityViolations());
        }
        if (violated.isEmpty()) {
            return;
        }
        violated.forEach(getLog()::warn);
        if (haltOnFailure) {
            throw new MojoFailureException("DeepJUnit check failed: " + String.join("; ", violated));
        }
    }

    private List<String> coverageViolations() throws MojoExecutionException, MojoFailureException {
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
        }
        return violated;
    }

    private List<String> qualityViolations() throws MojoExecutionException, MojoFailureException {
        List<QualityRule> parsed;
        try {
            parsed = QualityRule.parse(qualityRules);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Bad DeepJUnit quality rule: " + e.getMessage(), e);
        }
        List<Path> files = DataFiles.qualityFiles(dataFiles, reportDir);
        if (files.isEmpty()) {
            throw new MojoFailureException("No DeepJUnit quality figures in "
                    + (dataFiles == null || dataFiles.isEmpty() ? RunFigures.dir(reportDir.toPath()) : dataFiles)
                    + " to check: did a @ModelQuality test evaluate a model?");
        }
        List<RunFigures.Figure> figures;
        try {
            figures = RunFigures.readAll(files);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("DeepJUnit: " + e.getMessage(), e);
        }
        List<String> violated = new ArrayList<>();
        for (QualityRule rule : parsed) {
            for (QualityRule.Verdict v : rule.check(figures)) {
                if (v.passed()) {
                    getLog().info("DeepJUnit quality: " + v.message());
                } else {
                    violated.add(v.message());
                }
            }
        }
        return violated;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
