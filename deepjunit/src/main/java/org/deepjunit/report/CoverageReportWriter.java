package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * Renders a {@link NeuronCoverageReport} as JaCoCo HTML ({@code index.html}), JaCoCo XML ({@code deepjunit.xml}),
 * JaCoCo CSV ({@code deepjunit.csv}) and a criteria page ({@code criteria.html}).
 *
 * <p>The report is rendered into a temporary sibling of the target directory and then swapped in
 * ({@link ReportFolder}), so a run that fails or is killed while writing leaves a complete report, old or new, or a
 * state that the next run recovers to one. Thread-safe; writes to the same directory, from this JVM or another,
 * take turns (the last swap wins).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CoverageReportWriter {

    /** JaCoCo HTML front page. */
    public static final String HTML_INDEX = "index.html";
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
     * @throws IllegalArgumentException when a model's name would clash with the report's own files, e.g. "..",
     *                                  "index.html" or "criteria.html"
     */
    public static void write(NeuronCoverageReport report, Path dir) throws IOException {
        write(report, dir, into -> {});
    }

    /**
     * Writes the report into {@code dir} like {@link #write(NeuronCoverageReport, Path)}, with more files that
     * {@code extra} writes into the new report before it is swapped in (such as the data file).
     */
    public static void write(NeuronCoverageReport report, Path dir, ReportFolder.Renderer extra) throws IOException {
        Objects.requireNonNull(report, "report");
        checkModelFolders(report);
        List<String> savedInputs = new ArrayList<>();
        for (String kept : KEPT) {
            if (Files.isRegularFile(dir.resolve(kept).resolve(HTML_INDEX))) {
                savedInputs.add(kept);
            }
        }
        writeAtomically(dir, into -> {
            render(report, into, savedInputs);
            extra.render(into);
        });
    }

    /** Renders all files of the report into an (empty) directory. */
    static void render(NeuronCoverageReport report, Path into) throws IOException {
        render(report, into, List.of());
    }

    /**
     * Renders all files of the report into an (empty) directory; {@code savedInputs} names the {@link #KEPT} folders
     * with an {@code index.html} that {@code criteria.html} links to.
     */
    static void render(NeuronCoverageReport report, Path into, List<String> savedInputs) throws IOException {
        checkModelFolders(report);
        NeuronTree tree = new NeuronTree(report);
        List<IBundleCoverage> bundles = tree.bundles();
        ISourceFileLocator locator = tree.sourceLocator();

        HTMLFormatter html = new HTMLFormatter();
        html.setLanguageNames(tree.languageNames());
        html.setLocale(Locale.ENGLISH);
        html.setFooterText("DeepJUnit neuron coverage: one instruction = one line = one neuron. Definitions, "
                + "DeepGauge criteria and gate verdicts: " + CRITERIA_FILE + " next to " + HTML_INDEX);
        visit(html.createVisitor(new FileMultiReportOutput(into.toFile())), report, bundles, locator);
        if (savedInputs.contains(QUALITY)) {
            linkQuality(into.resolve(HTML_INDEX));
        }
        HaltPoints.reach(HaltPoints.RENDERING);

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into.resolve(XML_FILE)))) {
            visit(new XMLFormatter().createVisitor(out), report, bundles, locator);
        }

        CSVFormatter csv = new CSVFormatter();
        csv.setLanguageNames(tree.languageNames());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into.resolve(CSV_FILE)))) {
            visit(csv.createVisitor(out), report, bundles, locator);
        }

        try (Writer out = Files.newBufferedWriter(into.resolve(CRITERIA_FILE), StandardCharsets.UTF_8)) {
            CriteriaPage.write(report, out, savedInputs);
        }
    }

    /**
     * Adds a "Quality" link to the quality pages beside JaCoCo's "Sessions" link at the top right of its front page
     * (at the top of the body, should a later JaCoCo lay the page out otherwise).
     */
    static void linkQuality(Path index) throws IOException {
        String html = Files.readString(index, StandardCharsets.UTF_8);
        String link = "<a href=\"" + QUALITY + "/" + HTML_INDEX + "\" class=\"el_report\">Quality</a>";
        String info = "<span class=\"info\">";
        int at = html.indexOf(info);
        if (at >= 0) {
            html = html.substring(0, at + info.length()) + link + html.substring(at + info.length());
        } else {
            int body = html.indexOf('>', html.indexOf("<body")) + 1;
            html = html.substring(0, body) + "<p>" + link + "</p>" + html.substring(body);
        }
        Files.writeString(index, html, StandardCharsets.UTF_8);
    }

    /**
     * JaCoCo's HTML names each model's folder after the model, replacing characters other than letters, digits and
     * {@code $-._} by '_'. Such a folder must not be "." or ".." nor take the name of a file of the report.
     */
    static void checkModelFolders(NeuronCoverageReport report) {
        List<String> reserved = new ArrayList<>(
                List.of(HTML_INDEX, "jacoco-sessions.html", "jacoco-resources", XML_FILE, CSV_FILE, CRITERIA_FILE));
        reserved.addAll(KEPT);
        for (ModelEntry model : report.models()) {
            String folder = model.name().replaceAll("[^A-Za-z0-9$\\-._]", "_");
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
