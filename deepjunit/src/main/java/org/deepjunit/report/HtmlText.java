package org.deepjunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Text made safe inside HTML, for every page DeepJUnit writes. */
@API(status = INTERNAL, since = "0.5")
public final class HtmlText {

    private HtmlText() {}

    /**
     * {@code s} as HTML text or attribute value: {@code < > & " '} escaped; with {@code oneLine}, control characters
     * (line breaks included) become spaces. {@code null} is the empty string.
     */
    public static String escape(String s, boolean oneLine) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(oneLine && Character.isISOControl(c) ? ' ' : c);
            }
        }
        return b.toString();
    }
}
