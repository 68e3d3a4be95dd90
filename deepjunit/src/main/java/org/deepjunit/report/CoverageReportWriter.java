package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.SessionInfo;
import org.jacoco.report.FileMultiReportOutput;
import org.jacoco.report.IReportGroupVisitor;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.ISourceFileLocator;
import org.jacoco.report.csv.CSVFormatter;
import org.jacoco.report.html.HTMLFormatter;
import org.jacoco.report.xml.XMLFormatter;

/**
 * Renders a {@link NeuronCoverageReport}: DeepJUnit's front page ({@code index.html}) with the coverage-growth plots
 * ({@code growth/}), the uncovered neurons ({@code uncovered.html}) and the criteria page ({@code criteria.html});
 * JaCoCo HTML under {@code neurons/} (the neuron tree), JaCoCo XML ({@code deepjunit.xml}) and JaCoCo CSV
 * ({@code deepjunit.csv}) for CI tools.
 *
 * <p>The report is rendered into a temporary sibling of the target directory and then swapped in
 * ({@link ReportFolder}), so a run that fails or is killed while writing leaves a complete report, old or new, or a
 * state that the next run recovers to one. Thread-safe; writes to the same directory, from this JVM or another,
 * take turns (the last swap wins).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CoverageReportWriter {

    /** The front page, DeepJUnit's; JaCoCo's is {@value #NEURONS}{@code /index.html}. */
    public static final String HTML_INDEX = "index.html";
    /** The folder of JaCoCo's HTML report: models, layers and neurons as groups, classes and lines. */
    public static final String NEURONS = "neurons";
    /** The coverage-growth plots and their data. */
    public static final String GROWTH = GrowthFiles.FOLDER;
    /** Neurons not covered, per model and layer. */
    public static final String UNCOVERED_FILE = UncoveredPage.FILE;
    /**
     * The folder of the model quality pages ({@code @ModelQuality}'s history), written before the coverage report at
     * the end of the run and linked from its {@code index.html} and {@code criteria.html}.
     */
    public static final String QUALITY = "quality";
    /**
     * Folders that other DeepJUnit extensions write into the report directory during the run and that replacing the
     * coverage report keeps: {@code generated/} (inputs from {@code @GeneratedInputs}), {@code inputs/} (inputs on
     * which {@code @DifferentialAgainst}'s models disagreed), {@code robustness/} (adversarial examples of
     * {@code @ModelQuality} tests) and {@value #QUALITY}{@code /} (the model quality pages).
     */
    public static final List<String> KEPT = List.of("generated", "inputs", "robustness", QUALITY);
    /** JaCoCo XML report (report.dtd), neuron coverage as INSTRUCTION and LINE counters. */
    public static final String XML_FILE = "deepjunit.xml";
    /** JaCoCo CSV report, one row per layer. */
    public static final String CSV_FILE = "deepjunit.csv";
    /** Definitions, DeepGauge criteria and gate verdicts per model. */
    public static final String CRITERIA_FILE = CriteriaPage.FILE;

    private CoverageReportWriter() {}

    /**
     * Writes the report into {@code dir}, replacing what is there.
     *
     * @param report the coverage to render
     * @param dir    the report directory, e.g. {@code target/deepjunit}; created with its parents if missing
     * @throws IOException              when rendering or the swap fails; the previous report, if any, is then left
     *                                  in place ({@link ReportWriteException} when the folder cannot be written)
     * @throws IllegalArgumentException when a model's name would clash with JaCoCo's own files, e.g. "..",
     *                                  "index.html" or "jacoco-resources"
     */
    public static void write(NeuronCoverageReport report, Path dir) throws IOException {
        write(report, dir, into -> {});
    }

    /**
     * Writes the report into {@code dir} like {@link #write(NeuronCoverageReport, Path)}, with more files that
     * {@code extra} writes into the new report before it is swapped in (such as the data file).
     */
    public static void write(NeuronCoverageReport report, Path dir, ReportFolder.Renderer extra) throws IOException {
        write(report, dir, null, extra);
    }

    /**
     * Writes the report like {@link #write(NeuronCoverageReport, Path, ReportFolder.Renderer)}; the figures the
     * front page's trends compare with are those of the newer of the summaries in the replaced report and in
     * {@code keptSummary}, where this run's summary is then kept too.
     *
     * @param keptSummary a file outside the report folder that survives {@code mvn clean} (beside the quality
     *                    history), null for none
     */
    public static void write(NeuronCoverageReport report, Path dir, Path keptSummary, ReportFolder.Renderer extra)
            throws IOException {
        Objects.requireNonNull(report, "report");
        checkModelFolders(report);
        List<String> savedInputs = new ArrayList<>();
        for (String kept : KEPT) {
            if (Files.isRegularFile(dir.resolve(kept).resolve(HTML_INDEX))) {
                savedInputs.add(kept);
            }
        }
        RunSummary[] written = new RunSummary[1];
        writeAtomically(dir, into -> {
            // read under the folder's lock, from the report this one replaces
            RunSummary replaced = RunSummary.newer(
                    RunSummary.read(dir.resolve(RunSummary.FILE)),
                    keptSummary == null ? null : RunSummary.read(keptSummary));
            written[0] = RunSummary.of(report, replaced);
            render(report, into, savedInputs, written[0].previous());
            written[0].write(into.resolve(RunSummary.FILE));
            extra.render(into);
        });
        if (keptSummary != null) {
            try {
                written[0].write(keptSummary);
            } catch (IOException | UncheckedIOException e) {
                // the report is in place; only the next run's trend after mvn clean is lost, which is no failure
                System.err.println("[deepjunit] The coverage report is written, but its summary could not be kept at "
                        + keptSummary + " (" + e.getMessage() + "): after mvn clean the next run has no trend.");
            }
        }
    }

    /** Renders all files of the report into an (empty) directory. */
    static void render(NeuronCoverageReport report, Path into) throws IOException {
        render(report, into, List.of(), null);
    }

    /**
     * Renders all files of the report into an (empty) directory; {@code savedInputs} names the {@link #KEPT} folders
     * with an {@code index.html} that the front page and {@code criteria.html} link to; {@code previous} is the run
     * the trends compare with, or null.
     */
    static void render(NeuronCoverageReport report, Path into, List<String> savedInputs, RunSummary previous)
            throws IOException {
        checkModelFolders(report);
        NeuronTree tree = new NeuronTree(report);
        List<IBundleCoverage> bundles = tree.bundles();
        ISourceFileLocator locator = tree.sourceLocator();

        HTMLFormatter html = new HTMLFormatter();
        html.setLanguageNames(tree.languageNames());
        html.setLocale(Locale.ENGLISH);
        html.setFooterText("DeepJUnit neuron coverage: one instruction = one line = one neuron. Definitions, "
                + "DeepGauge criteria and gate verdicts: " + CRITERIA_FILE + " beside this folder");
        Path neurons = Files.createDirectories(into.resolve(NEURONS));
        visit(html.createVisitor(new FileMultiReportOutput(neurons.toFile())), report, bundles, locator);
        JacocoPages.linkBack(neurons, savedInputs.contains(QUALITY));
        HaltPoints.reach(HaltPoints.RENDERING);

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into.resolve(XML_FILE)))) {
            visit(new XMLFormatter().createVisitor(out), report, bundles, locator);
        }

        CSVFormatter csv = new CSVFormatter();
        csv.setLanguageNames(tree.languageNames());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into.resolve(CSV_FILE)))) {
            visit(csv.createVisitor(out), report, bundles, locator);
        }

        PageFrame.writeStylesheet(into);
        try (Writer out = Files.newBufferedWriter(into.resolve(CRITERIA_FILE), StandardCharsets.UTF_8)) {
            CriteriaPage.write(report, out, savedInputs);
        }
        try (Writer out = Files.newBufferedWriter(into.resolve(UNCOVERED_FILE), StandardCharsets.UTF_8)) {
            UncoveredPage.write(report, out);
        }
        GrowthFiles growth = new GrowthFiles(report);
        growth.write(report, into);
        try (Writer out = Files.newBufferedWriter(into.resolve(HTML_INDEX), StandardCharsets.UTF_8)) {
            FrontPage.write(report, previous, savedInputs, growth, out);
        }
    }

    /** The folder of {@code model}'s pages under {@value #NEURONS}. */
    static String modelFolder(ModelEntry model) {
        return model.name().replaceAll("[^A-Za-z0-9$\\-._]", "_");
    }

    /**
     * JaCoCo's HTML names each model's folder after the model, replacing characters other than letters, digits and
     * {@code $-._} by '_'. Such a folder must not be "." or ".." nor take the name of a file of JaCoCo's report.
     */
    static void checkModelFolders(NeuronCoverageReport report) {
        List<String> reserved = List.of(HTML_INDEX, "jacoco-sessions.html", "jacoco-resources");
        for (ModelEntry model : report.models()) {
            String folder = modelFolder(model);
            if (folder.equals(".") || folder.equals("..")) {
                throw new IllegalArgumentException("model name \"" + model.name() + "\" cannot name a report folder");
            }
            for (String r : reserved) {
                if (folder.equalsIgnoreCase(r)) {
                    throw new IllegalArgumentException("model name \"" + model.name()
                            + "\" would replace the report's own " + r + "; rename the model");
                }
            }
        }
    }

    private static void visit(
            IReportVisitor visitor,
            NeuronCoverageReport report,
            List<IBundleCoverage> bundles,
            ISourceFileLocator locator)
            throws IOException {
        List<SessionInfo> sessions = Collections.emptyList();
        List<ExecutionData> data = Collections.emptyList();
        visitor.visitInfo(sessions, data);
        IReportGroupVisitor root = visitor.visitGroup(Text.oneLine(report.title()));
        for (IBundleCoverage bundle : bundles) {
            root.visitBundle(bundle, locator);
        }
        visitor.visitEnd();
    }

    /** Renders into a new sibling of {@code dir} and swaps it in: {@link ReportFolder#replace}. */
    static void writeAtomically(Path dir, ReportFolder.Renderer renderer) throws IOException {
        ReportFolder.replace(dir, renderer);
    }

    static void deleteTree(Path dir) throws IOException {
        ReportFolder.deleteTree(dir);
    }
}
