package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** Turns a test's, model's or stage's name into one file or folder name that every OS accepts. */
@API(status = INTERNAL, since = "0.1")
public final class SafeFileNames {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private SafeFileNames() {}

    /** {@code name} with every character but letters, digits and {@code . _ -} as {@code _}. */
    public static String of(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
    }
}
