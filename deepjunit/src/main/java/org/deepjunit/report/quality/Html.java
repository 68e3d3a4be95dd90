package org.deepjunit.report.quality;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.deepjunit.report.HtmlText;

/** Escaping, number and time formatting and the frame shared by the quality pages; locale-independent. */
final class Html {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SHORT = 8;

    private static final String STYLE = "body{font-family:sans-serif;font-size:14px;margin:16px 24px;color:#222}"
            + "h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px}"
            + "table{border-collapse:collapse;margin:6px 0 14px}"
            + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
            + "th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + ".failed{color:#a00;font-weight:bold}.inconclusive{color:#a60}.passed{color:#060}"
            + "table.confusion td{text-align:right;min-width:2.5em}p.note{color:#555}code{font-size:13px}"
            + ".breadcrumb{margin-bottom:12px}"
            + "img.trend,img.robustness,img.fairness,img.confusion{display:block;max-width:100%;height:auto;"
            + "margin:6px 0;border:1px solid #ddd}"
            + "img.fairness{display:inline-block;margin-right:12px;vertical-align:top}";

    private Html() {}

    /** Text as HTML text or attribute value: {@code < > & " '} escaped, control characters as spaces. */
    static String esc(String s) {
        return HtmlText.escape(s, true);
    }

    /** The start of a page: doctype, title, style and a breadcrumb (already HTML) above the heading. */
    static void open(StringBuilder html, String title, String breadcrumb) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">\n<title>")
                .append(esc(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head><body>\n<div class=\"breadcrumb\">")
                .append(breadcrumb)
                .append("</div>\n<h1>")
                .append(esc(title))
                .append("</h1>\n");
    }

    static void close(StringBuilder html) {
        html.append("<p class=\"note\">DeepJUnit model quality, from the quality history</p>\n</body></html>\n");
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** A figure: 4 decimals, or scientific notation for very small or large magnitudes; "-" for NaN. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A change, always signed. */
    static String change(double v) {
        String s = value(v);
        return v > 0 || (v == 0 && !s.startsWith("-")) ? "+" + s : s;
    }

    /** A hash shortened to its first 8 characters (after an {@code algorithm:} prefix), the whole in a tooltip. */
    static String shortHash(String hash) {
        if (hash == null || hash.isEmpty()) {
            return "<span class=\"note\">unknown</span>";
        }
        String bare = hash.substring(hash.indexOf(':') + 1);
        String shown = bare.length() > SHORT ? bare.substring(0, SHORT) : bare;
        return "<code title=\"" + esc(hash) + "\">" + esc(shown) + "</code>";
    }
}
