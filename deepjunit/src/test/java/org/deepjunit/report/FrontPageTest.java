package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.coverage.CoverageRule.Value;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.HandValues;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Shape;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front page of runs worked out by hand: model "m", one dense layer of three neurons, NC at t = 0 on scaled
 * values, a MODEL gate NC ≥ 0.9. Run r1 records three test inputs, (0, 0, 0), (2, 0, 0), (1, 3, 0): neurons 0 and 1
 * covered first by inputs #1 and #2, NC 2 of 3, the gate fails. Run r2 records them and two generated inputs,
 * (0, 0, 0), (0, 1, 2): neuron 2 covered by #4, NC 3 of 3, up from 66.7 %.
 */
class FrontPageTest {

    private static final double[][] TEST = {{0, 0, 0}, {2, 0, 0}, {1, 3, 0}};
    private static final double[][] GENERATED = {{0, 0, 0}, {0, 1, 2}};
    private static final Gate GATE = new Gate("", Element.MODEL, Criterion.NC, Value.COVEREDRATIO, 0.9, Double.NaN);

    @TempDir
    Path temp;

    private static NeuronCoverageReport run(String runId, boolean withGenerated) {
        return run(runId, withGenerated, Instant.parse("2026-12-06T10:00:00Z"));
    }

    private static NeuronCoverageReport run(String runId, boolean withGenerated, Instant created) {
        RecordingSpec spec = new RecordingSpec(4, 1, List.of(), List.of(), null, 0);
        ModelCoverage m =
                new ModelCoverage("m", "fp", spec, null, List.of(new Layer("l", LayerKind.DENSE, Shape.of(3))));
        m.request(0, true);
        m.record(HandValues.of(TEST), false);
        if (withGenerated) {
            m.record(HandValues.of(GENERATED), true);
        }
        CoverageData data = new CoverageData();
        data.add(m);
        GATE.check(data, 0, true).forEach(data::addVerdict);
        return CoverageReports.build(data, "Hand", created, null, null, runId);
    }

    @Test
    void oneLinePerCriterionWithItsGateAndWhatToDoNext() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(run("r1", false), dir);
        String front = Files.readString(dir.resolve("index.html"));

        assertThat(front)
                .contains("<td>NC(t=0)</td><td class=\"num\">2 of 3</td><td class=\"num\">66.7 %</td>")
                .contains("No earlier run to compare with");
        assertThat(row(front, "NC(t=0)")).contains("<span class=\"fail\">FAILED</span> model m");
        assertThat(row(front, "NC(t=0.25)")).doesNotContain("FAILED"); // the gate judges NC at the model's t only
        assertThat(front)
                .contains("<span class=\"fail\">Failed gate</span> Rule violated for model m: NC covered ratio is "
                        + "0.66, but expected minimum is 0.90: add inputs that reach it (layer l (1 of 3 uncovered))");
        assertThat(front).contains("<a href=\"uncovered.html#m-m\">1 uncovered neuron in 1 layer</a>");
        assertThat(Files.readString(dir.resolve("uncovered.html")))
                .contains("<h2 id=\"m-m\">m</h2>")
                .contains("<td>l</td><td class=\"num\">1 of 3</td><td>2 (max 0.0000)</td>");
        assertLinksResolve(dir, front);
    }

    @Test
    void theNextRunShowsItsTrendAndAReportOfTheSameRunKeepsComparingWithTheRunBefore() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(run("r1", false), dir);
        CoverageReportWriter.write(run("r2", true), dir);
        String second = Files.readString(dir.resolve("index.html"));
        assertThat(row(second, "NC(t=0)"))
                .contains("3 of 3", "100.0 %", "<span class=\"up\" title=\"previous run: 66.7 %\">\u25b2 66.7 %</span>")
                .contains("<span class=\"pass\">passed</span>");

        CoverageReportWriter.write(run("r2", true), dir); // another fork of run r2
        assertThat(row(Files.readString(dir.resolve("index.html")), "NC(t=0)")).contains("\u25b2 66.7 %");

        CoverageReportWriter.write(run("r3", true), dir);
        assertThat(row(Files.readString(dir.resolve("index.html")), "NC(t=0)"))
                .contains("<span class=\"same\" title=\"previous run: 100.0 %\">= 100.0 %</span>");
    }

    @Test
    void aSummaryKeptBesideTheHistoryGivesTheTrendAfterMvnClean() throws IOException {
        Path dir = temp.resolve("deepjunit");
        Path kept = temp.resolve("history/project.report-1.json");
        CoverageReportWriter.write(run("r1", false), dir, kept, into -> {});
        deleteTree(dir); // mvn clean
        CoverageReportWriter.write(run("r2", true), dir, kept, into -> {});
        assertThat(row(Files.readString(dir.resolve("index.html")), "NC(t=0)")).contains("\u25b2 66.7 %");
    }

    @Test
    void theNewerOfTheFoldersAndTheKeptSummaryIsThePreviousRun() throws IOException {
        Path dir = temp.resolve("deepjunit");
        Path kept = temp.resolve("history/project.report-1.json");
        CoverageReportWriter.write(run("r1", false, Instant.parse("2026-12-06T10:00:00Z")), dir);
        // a later run at 100 % kept by a report elsewhere (another checkout of the project)
        CoverageReportWriter.write(
                run("r2", true, Instant.parse("2026-12-06T11:00:00Z")), temp.resolve("other"), kept, into -> {});
        CoverageReportWriter.write(run("r3", true, Instant.parse("2026-12-06T12:00:00Z")), dir, kept, into -> {});
        assertThat(row(Files.readString(dir.resolve("index.html")), "NC(t=0)"))
                .contains("<span class=\"same\" title=\"previous run: 100.0 %\">= 100.0 %</span>");
    }

    @Test
    void aSummaryThatCannotBeKeptLeavesTheReportWritten() throws IOException {
        Path dir = temp.resolve("deepjunit");
        Path notAFolder = Files.writeString(temp.resolve("history"), "a file where the folder would be");
        CoverageReportWriter.write(run("r1", false), dir, notAFolder.resolve("project.report-1.json"), into -> {});
        assertThat(dir.resolve("index.html")).exists();
        assertThat(dir.resolve(RunSummary.FILE)).exists();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theGrowthPlotIsDrawnFromEachNeuronsFirstInput() throws IOException {
        Path dir = temp.resolve("deepjunit");
        NeuronCoverageReport report = run("r2", true);
        CoverageReportWriter.write(report, dir);

        // NC firsts #1, #2, #4; TKNC (top-1) firsts: #0 (a tie, the lower index), #2, #4; #3 and #4 generated
        assertThat(Files.readAllLines(dir.resolve("growth/m.csv")))
                .containsExactly(
                        "criterion,inputs,covered,units,generated",
                        "NC(t=0),0,0,3,false",
                        "NC(t=0),2,1,3,false",
                        "NC(t=0),3,2,3,false",
                        "NC(t=0),5,3,3,true",
                        "TKNC (k=1),0,0,3,false",
                        "TKNC (k=1),1,1,3,false",
                        "TKNC (k=1),3,2,3,false",
                        "TKNC (k=1),5,3,3,true");
        BufferedImage png = ImageIO.read(dir.resolve("growth/m-nc-t-0.png").toFile());
        assertThat(png.getWidth()).isEqualTo(GrowthChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(GrowthChart.HEIGHT);
        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("<img src=\"growth/m-nc-t-0.png\" width=\"560\" height=\"260\"");

        // the test inputs' stretch, then the generated one starting where it ended
        XYSeriesCollection nc = GrowthChart.dataset(report.growth().get(0));
        assertThat(nc.getSeriesCount()).isEqualTo(2);
        assertThat(nc.getSeries(0).getKey()).isEqualTo("test 0");
        assertThat(nc.getSeries(0).getItems()).hasSize(3);
        assertThat(nc.getSeries(1).getKey()).isEqualTo("generated 1");
        assertThat(nc.getSeries(1).getX(0).doubleValue()).isEqualTo(3);
        assertThat(nc.getSeries(1).getY(0).doubleValue()).isEqualTo(200.0 / 3);
        assertThat(nc.getSeries(1).getY(1).doubleValue()).isEqualTo(100);
    }

    private static String row(String html, String criterion) {
        int at = html.indexOf("<tr><td>" + criterion + "</td>");
        assertThat(at).as("row of " + criterion).isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    /** Every relative link and image of the page names a file of the report. */
    private static void assertLinksResolve(Path dir, String html) {
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"#]+)").matcher(html);
        int links = 0;
        while (m.find()) {
            assertThat(dir.resolve(m.group(1))).as(m.group(1)).isRegularFile();
            links++;
        }
        assertThat(links).isGreaterThanOrEqualTo(5);
    }
}
