package org.deepjunit.report;

import java.util.Locale;

/** Number and label formatting shared by the renderers; locale-independent. */
final class Text {

    private Text() {}

    /** A largest activation value: 4 decimals, or scientific notation for very small or large magnitudes. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String percent(long covered, long total) {
        if (total == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * covered / total);
    }

    /** "1 neuron", "2 neurons": {@code n} and the noun, plural unless n is 1. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** covered of total (p %), or "covered (a count)" for a criterion without a total. */
    static String criterion(CriterionValue c) {
        if (c.isCount()) {
            return c.covered() + " (a count, no ratio)";
        }
        return c.covered() + " of " + c.total() + " (" + percent(c.covered(), c.total()) + ")";
    }

    /** One line of text: control characters (line breaks included) become spaces. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
