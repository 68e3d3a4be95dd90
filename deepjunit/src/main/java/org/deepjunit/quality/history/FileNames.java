package org.deepjunit.quality.history;

import java.util.regex.Pattern;
import org.deepjunit.data.SafeFileNames;

/** Makes a project name a safe file name on every OS, keeping different names apart. */
final class FileNames {

    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");
    private static final int MAX_LENGTH = 80;

    private FileNames() {}

    /**
     * The name itself when it is safe ({@code digits}, {@code my-app_2.1}); otherwise its safe characters, unsafe
     * ones as {@code _}, plus {@code -} and 8 hex digits of its SHA-256 ({@code my_app-1f2e3d4c} for "my/app").
     */
    static String safe(String project) {
        RunRecord.requireText(project, "project");
        String safe = SafeFileNames.of(project);
        while (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (RESERVED.matcher(safe).matches()) {
            safe = "_" + safe;
        }
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(0, MAX_LENGTH);
        }
        return safe.equals(project) ? safe : safe + "-" + shortDigest(project);
    }

    private static String shortDigest(String text) {
        return org.deepjunit.model.Sha256.hex(text).substring(0, 8);
    }
}
