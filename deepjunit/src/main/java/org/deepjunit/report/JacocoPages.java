package org.deepjunit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JaCoCo's HTML pages under {@link CoverageReportWriter#NEURONS} led back to DeepJUnit's: on every page the link to
 * JaCoCo's sessions page (empty: neurons have no execution sessions) becomes a link to the front page, and the top
 * page links the quality pages too.
 */
final class JacocoPages {

    private static final Pattern SESSIONS =
            Pattern.compile("<a href=\"((?:\\.\\./)*)jacoco-sessions\\.html\" class=\"el_session\">Sessions</a>");

    private JacocoPages() {}

    static void linkBack(Path neurons, boolean quality) throws IOException {
        List<Path> pages;
        try (Stream<Path> all = Files.walk(neurons)) {
            pages = all.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .toList();
        }
        for (Path page : pages) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            boolean top = page.equals(neurons.resolve(CoverageReportWriter.HTML_INDEX));
            Matcher m = SESSIONS.matcher(html);
            if (m.find()) {
                String links = links(m.group(1) + "../", top && quality);
                html = m.replaceAll(Matcher.quoteReplacement(links));
            } else if (top) { // should a later JaCoCo lay the page out otherwise: at the top of the body
                int body = html.indexOf('>', html.indexOf("<body")) + 1;
                html = html.substring(0, body) + "<p>" + links("../", quality) + "</p>" + html.substring(body);
            } else {
                continue;
            }
            Files.writeString(page, html, StandardCharsets.UTF_8);
        }
    }

    private static String links(String up, boolean quality) {
        return "<a href=\"" + up + CoverageReportWriter.HTML_INDEX + "\" class=\"el_report\">DeepJUnit overview</a>"
                + (quality
                        ? "<a href=\"" + up + CoverageReportWriter.QUALITY + "/" + CoverageReportWriter.HTML_INDEX
                                + "\" class=\"el_report\">Quality</a>"
                        : "");
    }
}
