package org.deepjunit.report.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of LeNet-5 in a real SQLite history, rendered and read back: the trend tables list both runs with their
 * commit, model and data, the slice table, confusion matrix and gates show the second (latest) run, and the charts
 * are PNG images of the promised size.
 */
class QualityPagesTest {

    @TempDir
    Path temp;

    private HtmlPage render() throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(db, QualityRuns.first(), QualityRuns.second());
        Path index = QualityRuns.render(db, temp.resolve("quality"));
        assertThat(index).isEqualTo(temp.resolve("quality/index.html"));
        WebClient client = Browser.client();
        return Browser.open(client, temp.resolve("quality/lenet5.html"));
    }

    @Test
    void eachTrendPointIsARowWithItsTimeTestCommitModelAndData() throws Exception {
        HtmlPage page = render();
        List<List<String>> accuracy = Browser.rows(page, "table.points", 0);
        assertThat(accuracy)
                .containsExactly(
                        List.of(
                                "1",
                                "2026-11-30 09:00:00Z",
                                QualityRuns.TEST,
                                "c0ffee01",
                                "f00dfeed",
                                "da7a5e7d",
                                "0.9000"),
                        List.of(
                                "2",
                                "2026-12-01 09:00:00Z",
                                QualityRuns.TEST,
                                "beefcafe",
                                "ba5eba11",
                                "da7a5e7d",
                                "0.9200"));
        // the whole hashes are in the tooltips
        assertThat(Browser.all(page, "table.points code[title='" + QualityRuns.COMMIT_2 + "']"))
                .isNotEmpty();
        // f1(2) was first recorded by the second run: the first is a skipped point, and the page says so
        assertThat(Browser.all(page, "h3").stream().map(DomNode::getTextContent))
                .startsWith("accuracy", "f1(2)");
        assertThat(Browser.rows(page, "table.points", 1))
                .extracting(row -> row.get(6))
                .containsExactly("-", "0.8500");
        assertThat(Browser.one(page, "p.skipped").getTextContent())
                .isEqualTo("1 of 2 runs have no finite value of f1(2) (not recorded, or NaN): they are left out of "
                        + "the chart and marked - below.");
    }

    @Test
    void theChartsArePngsOfTheirStatedSize() throws Exception {
        HtmlPage page = render();
        List<String> sources = Browser.all(page, "img.trend").stream()
                .map(n -> n.getAttributes().getNamedItem("src").getNodeValue())
                .toList();
        assertThat(sources)
                .containsExactly("lenet5/accuracy.png", "lenet5/f1_2_-" + PageNames.digest("f1(2)") + ".png");
        for (String src : sources) {
            byte[] png = Files.readAllBytes(temp.resolve("quality").resolve(src));
            assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image =
                    ImageIO.read(temp.resolve("quality").resolve(src).toFile());
            assertThat(image.getWidth()).isEqualTo(TrendChart.WIDTH).isEqualTo(720);
            assertThat(image.getHeight()).isEqualTo(TrendChart.HEIGHT).isEqualTo(280);
        }
    }

    @Test
    void theSliceTableShowsTheLatestRunSlicesInNaturalOrderWithTheirN() throws Exception {
        HtmlPage page = render();
        DomNode table = Browser.one(page, "table.slices");
        assertThat(Browser.cells(Browser.one(table, "thead tr")))
                .containsExactly("Figure", "all", "class=0", "class=2", "class=10");
        assertThat(Browser.rows(page, "table.slices", 0))
                .containsExactly(
                        List.of("accuracy", "0.9200", "0.9500", "0.8400", "0.9143"),
                        List.of("f1(2)", "0.8500", "", "0.7000", ""),
                        List.of("n", "100", "40", "25", "35"));
    }

    @Test
    void theConfusionMatrixShowsTheLatestCountsShadedByTheirShareOfTheRow() throws Exception {
        HtmlPage page = render();
        assertThat(Browser.rows(page, "table.confusion", 0))
                .containsExactly(
                        List.of("0", "38", "2", "0", "40"),
                        List.of("1", "10", "50", "0", "60"),
                        List.of("2", "1", "3", "21", "25"));
        List<DomNode> rows =
                Browser.all(page, "table.confusion tbody tr").stream().toList();
        // row 1: 10 of 60 and 50 of 60 (by column, 10 would be 10 of 49 = 0.204)
        assertThat(shares(rows.get(1))).containsExactly(0.167, 0.833, 0.0);
        assertThat(shares(rows.get(2))).containsExactly(0.04, 0.12, 0.84);
        // the shade is the share: the larger share the darker cell, right answers green, wrong ones red
        assertThat(style(rows.get(1), 1)).isEqualTo("background:rgba(0,128,0,0.833);color:#fff");
        assertThat(style(rows.get(1), 0)).isEqualTo("background:rgba(192,0,0,0.167)");
        assertThat(alphas(rows.get(2))).isSortedAccordingTo(Double::compare);
    }

    @Test
    void theLatestGatesComeFailedFirstWithTheirChangeIntervalAndN() throws Exception {
        HtmlPage page = render();
        assertThat(Browser.rows(page, "table.gates", 0))
                .containsExactly(
                        List.of("failed", "f1(2)", "class=2", "value", "0.7000", "-", "25"),
                        List.of(
                                "inconclusive",
                                "accuracy",
                                "class=10",
                                "change against the baseline",
                                "-0.0100",
                                "-0.0900 to +0.0700",
                                "35"),
                        List.of(
                                "passed",
                                "accuracy",
                                "all",
                                "change against the baseline",
                                "+0.0200",
                                "+0.0050 to +0.0350",
                                "100"));
    }

    @Test
    void theIndexListsTheModelWithItsLatestFiguresAndVerdicts() throws Exception {
        render();
        HtmlPage index = Browser.open(Browser.client(), temp.resolve("quality/index.html"));
        assertThat(Browser.rows(index, "table.models", 0))
                .containsExactly(List.of(
                        "lenet5",
                        "2",
                        "2026-12-01 09:00:00Z",
                        "accuracy 0.9200f1(2) 0.8500",
                        "1 failed, 1 inconclusive, 1 passed"));
        assertThat(Browser.one(index, "table.models a")
                        .getAttributes()
                        .getNamedItem("href")
                        .getNodeValue())
                .isEqualTo("lenet5.html");
        assertThat(index.getTitleText()).isEqualTo("Model quality of digits");
        assertThat(index.asNormalizedText()).contains(temp.resolve("h.db").toString());
    }

    private static List<Double> shares(DomNode row) {
        return Browser.all(row, "td[data-share]").stream()
                .map(c -> Double.parseDouble(
                        c.getAttributes().getNamedItem("data-share").getNodeValue()))
                .toList();
    }

    private static String style(DomNode row, int cell) {
        return Browser.all(row, "td[data-share]")
                .get(cell)
                .getAttributes()
                .getNamedItem("style")
                .getNodeValue();
    }

    private static List<Double> alphas(DomNode row) {
        return Browser.all(row, "td[data-share]").stream()
                .map(c -> {
                    String style = c.getAttributes().getNamedItem("style").getNodeValue();
                    String rgba = style.substring(style.indexOf("rgba(") + 5, style.indexOf(')'));
                    return Double.parseDouble(rgba.substring(rgba.lastIndexOf(',') + 1));
                })
                .toList();
    }
}
