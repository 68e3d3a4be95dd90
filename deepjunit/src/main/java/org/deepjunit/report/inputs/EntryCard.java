package org.deepjunit.report.inputs;

import java.nio.file.Path;
import org.deepjunit.report.HtmlText;

/**
 * One saved input on the page: its pictures side by side — seed, input, difference map (with its scale), explanation
 * overlay — each where it was saved, then its metadata table and links to its tensor and JSON, for replaying it.
 */
final class EntryCard {

    private EntryCard() {}

    /** The card's HTML; {@code pageDir} is the page's folder, where the entry's files are looked up for their sizes. */
    static String of(Path pageDir, SavedEntry e) {
        StringBuilder html = new StringBuilder("<div class=\"card\">\n<h3>")
                .append(esc(e.base()))
                .append("</h3>\n<div class=\"figures\">\n");
        int pictures = 0;
        pictures += figure(html, pageDir, e.file("seedImageFile"), "seed", "the seed of " + e.base(), "seed");
        pictures += figure(html, pageDir, e.file("imageFile"), "input", "input " + e.base(), "input");
        pictures += figure(
                html,
                pageDir,
                e.file("differenceFile"),
                "difference",
                "input minus seed for " + e.base(),
                "difference: red +, blue −, white 0; full colour at ±"
                        + MetadataTable.value(e.meta().get("differenceScale")));
        pictures += figure(
                html,
                pageDir,
                e.file("explanationFile"),
                "explanation",
                "explanation of " + e.base(),
                e.meta().path("explanation").asText("explanation"));
        if (pictures == 0) {
            html.append("<p>No picture: the input is no image; its tensor is linked below.</p>\n");
        }
        html.append("</div>\n").append(MetadataTable.of(e.meta())).append("<p class=\"files\">");
        link(html, e.file("tensorFile"), "tensor (.npy)");
        link(html, e.prefix() + e.base() + ".json", "metadata (.json)");
        link(html, e.file("seedTensorFile"), "seed tensor (.npy)");
        return html.append("</p>\n</div>\n").toString();
    }

    private static int figure(StringBuilder html, Path pageDir, String href, String kind, String alt, String caption) {
        String img = href == null ? null : ImageTag.of(pageDir, href, alt);
        if (img == null) {
            return 0;
        }
        html.append("<figure class=\"")
                .append(kind)
                .append("\">")
                .append(img)
                .append("<figcaption>")
                .append(esc(caption))
                .append("</figcaption></figure>\n");
        return 1;
    }

    private static void link(StringBuilder html, String href, String text) {
        if (href != null) {
            html.append("<a href=\"")
                    .append(esc(href))
                    .append("\">")
                    .append(esc(text))
                    .append("</a> ");
        }
    }

    private static String esc(String s) {
        return HtmlText.escape(s, false);
    }
}
