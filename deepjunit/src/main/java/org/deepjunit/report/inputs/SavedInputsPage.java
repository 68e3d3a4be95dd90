package org.deepjunit.report.inputs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.SavedInputsIndex;
import org.deepjunit.report.HtmlText;
import org.deepjunit.report.NaturalOrder;

/**
 * The {@code index.html} of a folder of saved inputs (generated, disagreeing, adversarial, explained): a contents list
 * of the tests, then per test a heading that can be linked ({@code #id}) and its inputs in invocation order, each a
 * {@link EntryCard}. No script and no inline style: the stylesheet is a file beside the page. Registered as the
 * {@link SavedInputsIndex} that {@code SavedInputs.writeIndex} delegates to.
 */
@API(status = INTERNAL, since = "0.6")
public final class SavedInputsPage implements SavedInputsIndex {

    @Override
    public void write(Path dir, String title, String description) {
        Map<String, List<SavedEntry>> byTest = new TreeMap<>(NaturalOrder.INSTANCE);
        for (SavedEntry e : SavedEntry.readAll(dir)) {
            byTest.computeIfAbsent(e.test(), t -> new ArrayList<>()).add(e);
        }
        byTest.values().forEach(entries -> entries.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.path(), b.path())));
        Map<String, String> ids = ids(byTest.keySet());
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">\n")
                .append("<link rel=\"stylesheet\" href=\"")
                .append(InputsStylesheet.FILE)
                .append("\" type=\"text/css\">\n<title>DeepJUnit: ")
                .append(esc(title))
                .append("</title></head><body>\n")
                .append(
                        // back to the report's front page, where the folder is in a report that has one
                        Files.isRegularFile(dir.resolve("../index.html"))
                                ? "<p><a href=\"../index.html\">DeepJUnit report</a> &gt; " + esc(title) + "</p>\n"
                                : "")
                .append("<h1>")
                .append(esc(title))
                .append("</h1>\n<p>")
                .append(esc(description))
                .append("</p>\n<nav class=\"toc\"><ul>\n");
        byTest.forEach((test, entries) -> html.append("<li><a href=\"#")
                .append(ids.get(test))
                .append("\">")
                .append(esc(test))
                .append("</a> (")
                .append(entries.size())
                .append(entries.size() == 1 ? " input" : " inputs")
                .append(")</li>\n"));
        html.append("</ul></nav>\n");
        byTest.forEach((test, entries) -> {
            html.append("<h2 id=\"")
                    .append(ids.get(test))
                    .append("\">")
                    .append(esc(test))
                    .append("</h2>\n");
            entries.forEach(e -> html.append(EntryCard.of(dir, e)));
        });
        html.append("</body></html>\n");
        InputsStylesheet.write(dir);
        AtomicFiles.writeString(dir.resolve("index.html"), html.toString());
    }

    /**
     * Each test's anchor: {@code test-} and its name with every character but letters, digits, {@code - _ .} as
     * {@code -}; a number added where two names give the same.
     */
    static Map<String, String> ids(Iterable<String> tests) {
        Map<String, String> ids = new TreeMap<>();
        Set<String> taken = new HashSet<>();
        for (String test : tests) {
            String base = "test-" + test.replaceAll("[^A-Za-z0-9._-]", "-");
            String id = base;
            for (int n = 2; !taken.add(id); n++) {
                id = base + "-" + n;
            }
            ids.put(test, id);
        }
        return ids;
    }

    private static String esc(String s) {
        return HtmlText.escape(s, false);
    }
}
