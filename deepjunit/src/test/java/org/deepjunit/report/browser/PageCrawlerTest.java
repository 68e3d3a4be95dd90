package org.deepjunit.report.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepjunit.report.browser.PageProblem.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The crawler catches each defect it is there for: a small site written by hand, clean, then with one broken link, one
 * link to a missing fragment, one broken image, one script error or one link out of the folder. Without these a
 * crawler that saw nothing would pass every report. One browser for the class, its tests one after another.
 */
@Execution(ExecutionMode.SAME_THREAD)
class PageCrawlerTest {

    private static ChromeDriver browser;

    @TempDir
    Path temp;

    private Path site;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void quit() {
        browser.quit();
    }

    /** index.html links a.html (and an anchor on it) and the web, and shows an image; a.html links back. */
    @BeforeEach
    void cleanSite() throws IOException {
        site = Files.createDirectories(temp.resolve("site"));
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", site.resolve("ok.png").toFile());
        page(
                "index.html",
                "<a href=\"a.html#part\">a</a> <a href=\"https://example.org/\">web</a> <img src=\"ok.png\">");
        page("a.html", "<h2 id=\"part\">Part</h2> <a href=\"index.html\">back</a> <a name=\"old\"></a>");
    }

    private void page(String name, String body) throws IOException {
        Files.writeString(
                site.resolve(name),
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title></head><body>" + body
                        + "</body></html>");
    }

    private CrawlReport crawl() {
        return PageCrawler.crawl(browser, site.resolve("index.html"));
    }

    @Test
    void aCleanSiteHasNoProblems() {
        CrawlReport report = crawl();
        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.visited()).containsExactly("index.html", "a.html");
        assertThat(report.external()).containsExactly("index.html -> https://example.org/");
    }

    @Test
    void aLinkToAMissingPageIsReported() throws IOException {
        page("a.html", "<h2 id=\"part\">Part</h2> <a href=\"gone/b.html\">b</a>");
        CrawlReport report = crawl();
        assertThat(report.problems())
                .as(report.toString())
                .containsExactly(new PageProblem(
                        "a.html", Kind.MISSING_TARGET, "href=\"gone/b.html\": gone/b.html does not exist"));
    }

    @Test
    void aLinkToAMissingFragmentIsReported() throws IOException {
        page("a.html", "<h2 id=\"part\">Part</h2> <a href=\"index.html#nowhere\">back</a> <a href=\"#part\">up</a>");
        CrawlReport report = crawl();
        assertThat(report.problems())
                .as(report.toString())
                .containsExactly(new PageProblem(
                        "a.html",
                        Kind.MISSING_FRAGMENT,
                        "href=\"index.html#nowhere\": index.html has no element with id \"nowhere\""));
    }

    @Test
    void anImageThatDoesNotRenderIsReported() throws IOException {
        Files.writeString(site.resolve("not-a.png"), "text, not an image");
        page("a.html", "<h2 id=\"part\">Part</h2> <img src=\"not-a.png\"> <img src=\"missing.png\">");
        CrawlReport report = crawl();
        assertThat(report.problems(Kind.BROKEN_IMAGE))
                .as(report.toString())
                .containsExactly(
                        new PageProblem("a.html", Kind.BROKEN_IMAGE, "<img src=\"not-a.png\"> did not render"),
                        new PageProblem("a.html", Kind.BROKEN_IMAGE, "<img src=\"missing.png\"> did not render"));
        // the missing file is a failed load in the console as well
        assertThat(report.problems(Kind.CONSOLE_ERROR))
                .singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("missing.png"));
    }

    @Test
    void aScriptErrorIsReported() throws IOException {
        page("a.html", "<h2 id=\"part\">Part</h2> <script>notDefinedAnywhere();</script>");
        CrawlReport report = crawl();
        assertThat(report.problems()).as(report.toString()).singleElement().satisfies(p -> {
            assertThat(p.page()).isEqualTo("a.html");
            assertThat(p.kind()).isEqualTo(Kind.CONSOLE_ERROR);
            assertThat(p.detail()).contains("notDefinedAnywhere is not defined");
        });
    }

    @Test
    void linksOutOfTheFolderAreListedNotFollowed() throws IOException {
        Files.writeString(temp.resolve("outside.html"), "<!DOCTYPE html><title>outside</title>");
        page(
                "a.html",
                "<h2 id=\"part\">Part</h2> <a href=\"../outside.html\">out</a> <a href=\"mailto:x@y.z\">mail</a>");
        CrawlReport report = crawl();
        assertThat(report.visited()).containsExactly("index.html", "a.html");
        assertThat(report.problems())
                .as(report.toString())
                .containsExactly(
                        new PageProblem(
                                "a.html",
                                Kind.LEAVES_REPORT,
                                "href=\"../outside.html\" points outside the report, to "
                                        + temp.resolve("outside.html")),
                        new PageProblem("a.html", Kind.LEAVES_REPORT, "href=\"mailto:x@y.z\" is a mailto: link"));
    }

    @Test
    void aMissingStartPageIsAPageThatDidNotLoad() throws IOException {
        Files.delete(site.resolve("index.html"));
        CrawlReport report = crawl();
        assertThat(report.visited()).isEmpty();
        assertThat(report.problems()).containsExactly(new PageProblem("index.html", Kind.LOAD_FAILED, "no such file"));
    }
}
