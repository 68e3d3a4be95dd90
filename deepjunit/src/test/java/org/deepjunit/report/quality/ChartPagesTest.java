package org.deepjunit.report.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepjunit.quality.history.RunRecord;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness, fairness and confusion pictures on the model pages of a real SQLite history ({@link ChartRuns},
 * {@link QualityRuns}): each image is a PNG of the size its tag states, with alt text, and the figures and verdicts
 * it draws are in the tables beside it.
 */
class ChartPagesTest {

    @TempDir
    Path temp;

    private HtmlPage page(String file, List<RunRecord> runs) throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(db, runs.toArray(RunRecord[]::new));
        QualityRuns.render(db, temp.resolve("quality"));
        return Browser.open(Browser.client(), temp.resolve("quality").resolve(file));
    }

    private HtmlPage lenet5() throws Exception {
        List<RunRecord> runs = new ArrayList<>(List.of(QualityRuns.first(), QualityRuns.second()));
        runs.addAll(ChartRuns.robustness());
        return page("lenet5.html", runs);
    }

    @Test
    void theRobustnessCurvesAreAnImageAboveATableOfEachPerturbationsLatestRun() throws Exception {
        HtmlPage page = lenet5();
        assertThat(images(page, "img.robustness"))
                .containsExactly(
                        "lenet5/robustness.png",
                        "lenet5/robustness_severity-" + PageNames.digest("robustness severity") + ".png");
        // fgsm was run at two ε, the noise at one severity
        assertThat(Browser.all(page, "p.points-only"))
                .extracting(DomNode::getTextContent)
                .containsExactly("Each corruption was run at one severity only: the chart shows its point and the"
                        + " clean accuracy at severity = 0, not a curve.");
        assertThat(Browser.rows(page, "table.robustness", 0))
                .containsExactly(
                        List.of(
                                "fgsm(eps=0.05)",
                                "fgsm",
                                "ε = 0.05",
                                "0.9300",
                                "0.8500",
                                "0.0860",
                                "100",
                                "2026-12-05 09:00:00Z"),
                        List.of(
                                "fgsm(eps=0.1)",
                                "fgsm",
                                "ε = 0.1",
                                "0.9200",
                                "0.5500",
                                "0.4022",
                                "100",
                                "2026-12-02 09:00:00Z"),
                        List.of(
                                "pgd(LINF, eps=0.1, steps=10, step=0.025, random start=true, restarts=1, seed=0)",
                                ChartRuns.PGD,
                                "ε = 0.1",
                                "0.9200",
                                "0.3000",
                                "0.6739",
                                "100",
                                "2026-12-03 09:00:00Z"),
                        List.of(
                                "GAUSSIAN_NOISE 3 (seed=1)",
                                ChartRuns.NOISE,
                                "severity 3",
                                "0.9200",
                                "0.8000",
                                "0.1304",
                                "100",
                                "2026-12-04 09:00:00Z"));
    }

    @Test
    void anAttackRunAtOneEpsilonIsDrawnAsPointsAndThePageSaysSo() throws Exception {
        HtmlPage page = page(
                "lenet5.html",
                List.of(QualityRuns.second(), ChartRuns.robustness().get(2)));
        assertThat(images(page, "img.robustness")).hasSize(1);
        assertThat(Browser.one(page, "p.points-only").getTextContent())
                .isEqualTo("Each attack was run at one ε only: the chart shows its point and the clean accuracy at"
                        + " ε = 0, not a curve.");
    }

    @Test
    void theConfusionMatrixIsAnImageAboveItsTableOfCounts() throws Exception {
        HtmlPage page = lenet5();
        List<String> confusion = images(page, "img.confusion");
        assertThat(confusion)
                .containsExactly("lenet5/confusion_" + QualityRuns.TEST + "-"
                        + PageNames.digest("confusion " + QualityRuns.TEST) + ".png");
        BufferedImage image =
                ImageIO.read(temp.resolve("quality").resolve(confusion.get(0)).toFile());
        assertThat(image.getWidth()).isEqualTo(ConfusionChart.width(3));
        assertThat(image.getHeight()).isEqualTo(ConfusionChart.height(3));
        assertThat(Browser.rows(page, "table.confusion", 0)).hasSize(3);
    }

    @Test
    void theFairnessRatesAreBarChartsAndEveryFigureIsARowWithItsIntervalAndVerdict() throws Exception {
        HtmlPage page = page("credit.html", List.of(ChartRuns.fairness()));
        assertThat(images(page, "img.fairness")).hasSize(2);
        assertThat(Browser.all(page, "img.fairness")
                        .get(0)
                        .getAttributes()
                        .getNamedItem("alt")
                        .getNodeValue())
                .isEqualTo("selection rate by sex for 2 groups with their intervals, overall 0.4200; the figures are"
                        + " in the table below");
        assertThat(Browser.rows(page, "table.fairness", 0))
                .containsExactly(
                        List.of("selection rate", "sex=male", "0.5000", "0.4400 to 0.5600", "300", "no gate"),
                        List.of("selection rate", "sex=female", "0.3000", "0.2400 to 0.3700", "200", "no gate"),
                        List.of("true positive rate", "sex=male", "0.8000", "0.7300 to 0.8600", "150", "no gate"),
                        List.of("true positive rate", "sex=female", "0.6000", "0.4500 to 0.7400", "50", "no gate"),
                        List.of(
                                "disparate impact",
                                "sex=female vs sex=male",
                                "0.6000",
                                "0.4700 to 0.7500",
                                "500",
                                "failed"),
                        List.of(
                                "equalized odds difference",
                                "sex",
                                "0.2000",
                                "0.0500 to 0.3400",
                                "500",
                                "inconclusive"));
        assertThat(Browser.one(page, "table.fairness td.failed").getTextContent())
                .isEqualTo("failed");
        // the fairness figures and the groups' counts have their own section, not a column per group in the slices
        assertThat(Browser.rows(page, "table.slices", 0))
                .containsExactly(List.of("accuracy", "0.8800"), List.of("n", "500"));
    }

    /** The sources of the images {@code selector} matches, each checked: a PNG of its stated size, with alt text. */
    private List<String> images(HtmlPage page, String selector) throws Exception {
        List<String> sources = new ArrayList<>();
        for (DomNode img : Browser.all(page, selector)) {
            String src = attribute(img, "src");
            BufferedImage image =
                    ImageIO.read(temp.resolve("quality").resolve(src).toFile());
            assertThat(image).as(src).isNotNull();
            assertThat(image.getWidth()).as(src).isEqualTo(Integer.parseInt(attribute(img, "width")));
            assertThat(image.getHeight()).as(src).isEqualTo(Integer.parseInt(attribute(img, "height")));
            assertThat(attribute(img, "alt")).as(src).isNotBlank();
            sources.add(src);
        }
        return sources;
    }

    private static String attribute(DomNode node, String name) {
        return node.getAttributes().getNamedItem(name).getNodeValue();
    }
}
