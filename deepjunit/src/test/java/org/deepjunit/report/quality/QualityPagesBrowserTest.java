package org.deepjunit.report.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.deepjunit.report.CoverageReportWriter;
import org.deepjunit.report.LayerEntry;
import org.deepjunit.report.ModelEntry;
import org.deepjunit.report.NeuronCoverageReport;
import org.deepjunit.report.NeuronEntry;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages as a person reaches them, in HtmlUnit: from the coverage report's front page and its criteria page to
 * the quality index, on to the model's page, whose charts load as images of their stated size.
 */
class QualityPagesBrowserTest {

    @TempDir
    Path temp;

    private Path report() throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(db, QualityRuns.first(), QualityRuns.second());
        Path report = temp.resolve("deepjunit");
        // as at the end of a run: the quality pages first, then the coverage report swapped in beside them
        QualityRuns.render(db, report.resolve(CoverageReportWriter.QUALITY));
        LayerEntry fc1 = new LayerEntry("fc1", "dense", List.of(new NeuronEntry(0, true, 0.5)), List.of());
        CoverageReportWriter.write(
                new NeuronCoverageReport(
                        "DeepJUnit neuron coverage",
                        Instant.parse("2026-12-01T09:00:00Z"),
                        List.of(new ModelEntry("lenet5", "NC", 0, List.of(fc1), List.of(), List.of(), List.of())),
                        List.of()),
                report);
        return report;
    }

    @Test
    void fromTheCoverageReportToAModelsChartsAndTables() throws Exception {
        Path report = report();
        try (WebClient client = Browser.client()) {
            HtmlPage coverage = Browser.open(client, report.resolve("index.html"));
            HtmlPage index =
                    coverage.getAnchorByText("Quality, robustness and fairness").click();
            assertThat(index.getTitleText()).isEqualTo("Model quality of digits");

            HtmlPage model = ((HtmlAnchor) Browser.one(index, "table.models a")).click();
            assertThat(model.getUrl().toString()).endsWith("/quality/lenet5.html");
            assertThat(model.getTitleText()).isEqualTo("lenet5");

            List<HtmlImage> charts = model.getByXPath("//img[@class='trend']");
            assertThat(charts).hasSize(2);
            for (HtmlImage chart : charts) {
                assertThat(chart.getWebResponse(true).getStatusCode()).isEqualTo(200);
                assertThat(chart.getWebResponse(true).getContentType()).isEqualTo("image/png");
                assertThat(chart.getWidth()).isEqualTo(720); // read from the image itself
                assertThat(chart.getHeight()).isEqualTo(280);
            }

            assertThat(Browser.rows(model, "table.points", 0))
                    .extracting(row -> row.get(0) + " " + row.get(3) + " " + row.get(6))
                    .containsExactly("1 c0ffee01 0.9000", "2 beefcafe 0.9200");
            assertThat(Browser.rows(model, "table.gates", 0))
                    .extracting(row -> row.get(0))
                    .containsExactly("failed", "inconclusive", "passed");
            assertThat(Browser.rows(model, "table.slices", 0)).hasSize(3);
            assertThat(Browser.rows(model, "table.confusion", 0)).hasSize(3);

            HtmlPage back = model.getAnchorByText("Model quality of digits").click();
            assertThat(back.getUrl()).isEqualTo(index.getUrl());
        }
    }

    @Test
    void theCriteriaPageLinksToTheQualityPagesToo() throws Exception {
        Path report = report();
        try (WebClient client = Browser.client()) {
            HtmlPage criteria = Browser.open(client, report.resolve("criteria.html"));
            HtmlPage index = criteria.getAnchorByText("Quality").click();
            assertThat(index.getTitleText()).isEqualTo("Model quality of digits");
        }
    }
}
