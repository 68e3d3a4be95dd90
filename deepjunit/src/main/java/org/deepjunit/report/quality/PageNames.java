package org.deepjunit.report.quality;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.deepjunit.data.SafeFileNames;

/**
 * File names for model pages and charts, safe on every OS and distinct from each other and from the pages' own
 * files, also on a file system that ignores case: a safe name ({@code lenet5}, {@code v2.1_a-b}) stays itself; any
 * other ({@code "my model"}, {@code "team/lenet:v2"}, {@code "index"}, {@code "CON"}) gets its unsafe characters as
 * {@code _} plus {@code -} and 8 hex digits of its SHA-256. One instance hands out the names of one folder.
 */
final class PageNames {

    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");
    private static final int MAX_LENGTH = 80;

    private final Set<String> taken = new HashSet<>();

    /** Names this instance never gives, e.g. "index" for the folder's {@code index.html}. */
    PageNames(String... reserved) {
        for (String r : reserved) {
            taken.add(r.toLowerCase(Locale.ROOT));
        }
    }

    /** A file name (without extension) for {@code name}, distinct, ignoring case, from every one given before. */
    String unique(String name) {
        String safe = SafeFileNames.of(name);
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(0, MAX_LENGTH);
        }
        boolean plain =
                safe.equals(name) && !safe.isEmpty() && !RESERVED.matcher(safe).matches();
        String candidate = plain && !taken.contains(safe.toLowerCase(Locale.ROOT)) ? safe : safe + "-" + digest(name);
        String unique = candidate;
        for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
            unique = candidate + "-" + n;
        }
        return unique;
    }

    static String digest(String text) {
        return org.deepjunit.model.Sha256.hex(text).substring(0, 8);
    }
}
