package org.deepjunit.report.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.launch.ReportChild;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page of a real report, as a reader reaches it from {@code index.html}, in headless Chromium: no console
 * errors, no broken links or fragments, every image rendered. The report is what a build writes: saved inputs of the
 * three kinds the extensions keep, then two launcher sessions in child JVMs ({@link ReportChild}: two models under
 * {@code @NeuronCoverage}, a {@code @ModelQuality} test with a history), each writing the coverage report and the
 * quality pages around them, the second with trends against the first. Screenshots of the front page and the generated-inputs page are kept in
 * {@code target/browser/} as build artifacts, for a person to look at.
 */
class ReportPagesBrowserTest {

    @TempDir
    Path temp;

    @Test
    void everyPageLoadsCleanlyWithWorkingLinksAndImages() throws Exception {
        Path report = report();
        ChromeDriver browser = HeadlessChromium.start();
        try {
            CrawlReport crawl = PageCrawler.crawl(browser, report.resolve("index.html"));
            System.out.println("DeepJUnit report pages in Chromium: " + crawl);
            assertThat(crawl.problems()).as(crawl.toString()).isEmpty();
            assertThat(crawl.visited())
                    .as(crawl.toString())
                    .contains(
                            "index.html",
                            "criteria.html",
                            "uncovered.html",
                            "neurons/index.html",
                            "neurons/tiny/index.html",
                            "neurons/tiny2/index.html",
                            "generated/index.html",
                            "inputs/index.html",
                            "robustness/index.html",
                            "quality/index.html",
                            "quality/tiny.html")
                    .hasSizeGreaterThanOrEqualTo(25);
            screenshot(browser, report.resolve("index.html"), "index.png");
            screenshot(browser, report.resolve("generated/index.html"), "generated.png");
        } finally {
            browser.quit();
        }
    }

    /** A report folder as builds leave it: saved inputs first, then two runs' coverage reports and quality pages. */
    private Path report() throws Exception {
        Path report = temp.resolve("deepjunit");
        saveInputs(report.resolve("generated"), "Saved inputs", "Inputs that failed a test or made models disagree.");
        saveInputs(report.resolve("inputs"), "Inputs the models disagreed on", "Differential disagreements.");
        saveInputs(report.resolve("robustness"), "Adversarial examples", "Inputs a perturbation broke.");
        for (int run = 1; run <= 2; run++) { // the second run has trends and histories of two points
            ReportChild.Result result = ReportChild.run(
                    report,
                    "browser-" + run,
                    Map.of(
                            ReportChild.INPUTS,
                            String.valueOf(2 * run),
                            ReportChild.HISTORY_URL,
                            "jdbc:sqlite:" + temp.resolve("history.db"),
                            "deepjunit.quality.history.project",
                            "browser",
                            "deepjunit.quality.approved.dir",
                            temp.resolve("approved").toString()),
                    "Gated",
                    "First",
                    "Third");
            assertThat(result.output()).contains("SUCCEEDED: 3").doesNotContain("FAILED");
        }
        return report;
    }

    /** Two 8 × 8 grey-scale inputs in a group folder, listed on the folder's page as the extensions list theirs. */
    private static void saveInputs(Path dir, String title, String description) {
        for (int n = 0; n < 2; n++) {
            float[] pixels = new float[64];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = ((i + n * 9) % 64) / 63f;
            }
            SavedInputs.save(
                    dir.resolve("BrowserTest.pages"),
                    n + "-seed" + n,
                    Tensor.of(pixels, 1, 8, 8, 1),
                    new double[] {0, 1},
                    Map.of("test", "BrowserTest#pages"));
        }
        SavedInputs.writeIndex(dir, title, description);
    }

    /** Opens {@code page} and saves what the window shows as {@code target/browser/<name>}. */
    private static void screenshot(ChromeDriver browser, Path page, String name) throws IOException {
        browser.get(page.toUri().toString());
        Path dir = Files.createDirectories(Path.of(System.getProperty("basedir", ""), "target", "browser"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
