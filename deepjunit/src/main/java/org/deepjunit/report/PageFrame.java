package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What DeepJUnit's own report pages share: the head with the stylesheet {@value #CSS} (a file, not inline styles, so
 * that the pages show under a Content-Security-Policy such as Jenkins' default) and the foot.
 */
final class PageFrame {

    static final String CSS = "deepjunit.css";

    private static final String STYLE = """
            body{font-family:sans-serif;font-size:14px;margin:16px 24px;color:#222;max-width:1200px}
            h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}h3{font-size:15px}
            a{color:#1f5fa8}p.crumbs{font-size:12px}
            nav.links a{margin-right:14px;white-space:nowrap}
            table.data{border-collapse:collapse;margin:8px 0}
            table.data th,table.data td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top;
            overflow-wrap:anywhere}
            table.data th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
            .pass{color:#060}.fail{color:#a00;font-weight:bold}.up{color:#060}.down{color:#a00}.same{color:#666}
            div.charts img{margin:4px 12px 4px 0;border:1px solid #eee}
            ul.next li{margin:4px 0}div.alert{border:2px solid #a00;padding:4px 12px;margin:8px 0}
            div.footer{margin-top:32px;font-size:11px;color:#666}
            """;

    private PageFrame() {}

    static void writeStylesheet(Path into) throws IOException {
        Files.writeString(into.resolve(CSS), STYLE, StandardCharsets.UTF_8);
    }

    /** The page up to the start of its body; {@code up} leads from the page's folder to the report's ("" or "../"). */
    static void head(Writer out, String title, String up) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">\n<link rel=\"stylesheet\" href=\""
                + up + CSS + "\" type=\"text/css\">\n<title>" + esc(title) + "</title></head><body>\n");
    }

    static void foot(Writer out) throws IOException {
        out.write("<div class=\"footer\">DeepJUnit</div>\n</body></html>\n");
    }

    static String esc(String s) {
        return HtmlText.escape(s, false);
    }

    /** A time as a person reads it on a page, to the second: {@code 2026-12-06 20:44:30 UTC}. */
    static String time(Instant t) {
        return TIME.format(t);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
}
