package org.deepjunit.report.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;

/** HtmlUnit for the page tests: pages opened from files, every problem an exception. */
final class Browser {

    private Browser() {}

    static WebClient client() {
        WebClient client = new WebClient(BrowserVersion.BEST_SUPPORTED);
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(true);
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        return client;
    }

    static HtmlPage open(WebClient client, Path file) throws IOException {
        return client.getPage(file.toUri().toURL());
    }

    /** The nodes under {@code node} that {@code selector} matches (HtmlUnit 5 asks for the :scope node too). */
    static List<DomNode> all(DomNode node, String selector) {
        return node.querySelectorAll(selector, node);
    }

    /** The first node under {@code node} that {@code selector} matches, or null. */
    static DomNode one(DomNode node, String selector) {
        return node.querySelector(selector, node);
    }

    /** The text of each cell of a table row, trimmed. */
    static List<String> cells(DomNode row) {
        return all(row, "th, td").stream().map(c -> c.getTextContent().trim()).toList();
    }

    /** The rows of the body of the {@code n}th table matching {@code selector}, as cell texts. */
    static List<List<String>> rows(HtmlPage page, String selector, int n) {
        DomNode table = all(page, selector).get(n);
        return all(table, "tbody tr").stream().map(Browser::cells).toList();
    }
}
