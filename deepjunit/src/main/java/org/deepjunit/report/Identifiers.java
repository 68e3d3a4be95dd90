package org.deepjunit.report;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns framework names ("sequential/dense:0", "my layer") into identifiers usable as JaCoCo VM names and file
 * names: ASCII letters, digits and '_', not starting with a digit, unique (ignoring case) within one instance.
 */
final class Identifiers {

    private final Set<String> taken = new HashSet<>();

    /** Identifiers that unique() never gives, e.g. "index": a class page "index.html" would replace JaCoCo's own. */
    Identifiers(String... reserved) {
        for (String r : reserved) {
            taken.add(r.toLowerCase(Locale.ROOT));
        }
    }

    static String identifier(String name) {
        StringBuilder id = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            id.append(ok ? c : '_');
        }
        if (id.length() == 0 || Character.isDigit(id.charAt(0))) {
            id.insert(0, '_');
        }
        return id.toString();
    }

    /** An identifier for name, distinct from every one this instance gave before. */
    String unique(String name) {
        String base = identifier(name);
        String id = base;
        for (int n = 2; !taken.add(id.toLowerCase(Locale.ROOT)); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
