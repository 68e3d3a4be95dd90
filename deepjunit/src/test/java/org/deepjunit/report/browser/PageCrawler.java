package org.deepjunit.report.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.deepjunit.report.browser.PageProblem.Kind;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens every page of a report folder that a reader can reach by following links from its start page, each once, in
 * a real browser, and collects what a reader would trip over: console errors, links to missing files or to missing
 * {@code #fragments}, links out of the folder (other than to the web), images that do not render and pages that do
 * not load. It knows nothing about which pages a report has, so it keeps checking as the pages change.
 */
final class PageCrawler {

    /** Read from each loaded page: its links (as written and as resolved), its anchors and its unrendered images. */
    private static final String FACTS = """
            const links = Array.from(document.querySelectorAll('a[href], area[href]'))
                .map(a => [a.getAttribute('href'), a.href]);
            const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id)
                .concat(Array.from(document.querySelectorAll('a[name]')).map(a => a.name));
            const broken = Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
                .map(i => i.getAttribute('src'));
            return {links: links, ids: ids, broken: broken};
            """;

    private final WebDriver driver;
    private final Path root;
    private final List<String> visited = new ArrayList<>();
    private final List<PageProblem> problems = new ArrayList<>();
    private final List<String> external = new ArrayList<>();
    private final Map<Path, Set<String>> anchors = new HashMap<>();
    private final List<FragmentLink> fragments = new ArrayList<>();
    private final Deque<Path> queue = new ArrayDeque<>();
    private final Set<Path> seen = new LinkedHashSet<>();

    private PageCrawler(WebDriver driver, Path root) {
        this.driver = driver;
        this.root = root;
    }

    /** A link to {@code fragment} on {@code target}, checked once every page is read. */
    private record FragmentLink(String page, String href, Path target, String fragment) {}

    /** Crawls from {@code start} (the report's {@code index.html}) within the folder that holds it. */
    static CrawlReport crawl(WebDriver driver, Path start) {
        Path page = start.toAbsolutePath().normalize();
        PageCrawler crawler = new PageCrawler(driver, page.getParent());
        driver.manage().logs().get(LogType.BROWSER); // drops what earlier pages logged
        crawler.enqueue(page);
        while (!crawler.queue.isEmpty()) {
            crawler.visit(crawler.queue.poll());
        }
        crawler.checkFragments();
        return new CrawlReport(crawler.visited, crawler.problems, crawler.external);
    }

    private void enqueue(Path page) {
        if (seen.add(page)) {
            queue.add(page);
        }
    }

    private String name(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private void problem(Path page, Kind kind, String detail) {
        problems.add(new PageProblem(name(page), kind, detail));
    }

    private void visit(Path page) {
        if (!Files.isRegularFile(page)) {
            problem(page, Kind.LOAD_FAILED, "no such file");
            return;
        }
        visited.add(name(page));
        try {
            driver.get(page.toUri().toString());
        } catch (WebDriverException e) {
            problem(page, Kind.LOAD_FAILED, e.getMessage().lines().findFirst().orElse(""));
            return;
        } finally {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    problem(page, Kind.CONSOLE_ERROR, entry.getMessage());
                }
            }
        }
        if (driver.getCurrentUrl().startsWith("chrome-error:")) {
            problem(page, Kind.LOAD_FAILED, "the browser showed its error page");
            return;
        }
        read(page, (Map<?, ?>) ((JavascriptExecutor) driver).executeScript(FACTS));
    }

    private void read(Path page, Map<?, ?> facts) {
        Set<String> ids = new LinkedHashSet<>();
        for (Object id : (List<?>) facts.get("ids")) {
            ids.add(String.valueOf(id));
        }
        anchors.put(page, ids);
        for (Object src : (List<?>) facts.get("broken")) {
            problem(page, Kind.BROKEN_IMAGE, "<img src=\"" + src + "\"> did not render");
        }
        for (Object link : (List<?>) facts.get("links")) {
            List<?> hrefs = (List<?>) link;
            follow(page, String.valueOf(hrefs.get(0)), URI.create(String.valueOf(hrefs.get(1))));
        }
    }

    /** Checks one link of {@code page}: {@code href} as written, {@code uri} as the browser resolved it. */
    private void follow(Path page, String href, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            external.add(name(page) + " -> " + href);
            return;
        }
        if (!scheme.equals("file")) {
            problem(page, Kind.LEAVES_REPORT, "href=\"" + href + "\" is a " + scheme + ": link");
            return;
        }
        Path target = Path.of(URI.create("file://" + uri.getRawPath())).normalize();
        if (!target.startsWith(root)) {
            problem(page, Kind.LEAVES_REPORT, "href=\"" + href + "\" points outside the report, to " + target);
        } else if (!Files.exists(target)) {
            problem(page, Kind.MISSING_TARGET, "href=\"" + href + "\": " + name(target) + " does not exist");
        } else if (Files.isDirectory(target)) {
            problem(page, Kind.MISSING_TARGET, "href=\"" + href + "\": " + name(target) + " is a folder, no page");
        } else if (isPage(target)) {
            enqueue(target);
            if (uri.getFragment() != null && !uri.getFragment().isEmpty()) {
                fragments.add(new FragmentLink(name(page), href, target, uri.getFragment()));
            }
        }
    }

    private static boolean isPage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm");
    }

    /** Fragments are checked last: a link may point to a page that is read after the page that links to it. */
    private void checkFragments() {
        for (FragmentLink link : fragments) {
            Set<String> ids = anchors.get(link.target());
            if (ids != null && !ids.contains(link.fragment())) {
                problems.add(new PageProblem(
                        link.page(),
                        Kind.MISSING_FRAGMENT,
                        "href=\"" + link.href() + "\": " + name(link.target()) + " has no element with id \""
                                + link.fragment() + "\""));
            }
        }
    }
}
