package org.deepjunit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * On a machine whose JavaCPP cache is empty, the first model ND4J or TensorFlow loads unpacks about 1.1 GB of
 * native libraries, and the build is silent for minutes: one line says so before it starts.
 */
final class NativesNotice {

    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    private NativesNotice() {}

    /** Prints the notice once per JVM when JavaCPP is on the classpath and its cache is empty. */
    static void printIfFirstRun() {
        if (!PRINTED.getAndSet(true)) {
            message(cacheDir(), javaCppPresent()).ifPresent(System.out::println);
        }
    }

    static Optional<String> message(Path cacheDir, boolean javaCppPresent) {
        if (!javaCppPresent || !isEmpty(cacheDir)) {
            return Optional.empty();
        }
        return Optional.of("[deepjunit] First run on this machine: JavaCPP unpacks the native libraries of ND4J and"
                + " TensorFlow (about 1.1 GB) into " + cacheDir + " when the first model loads; this takes a few"
                + " minutes, once");
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false; // unreadable: say nothing rather than something wrong
        }
    }

    /** JavaCPP's own rule: {@code org.bytedeco.javacpp.cachedir}, else {@code ~/.javacpp/cache}. */
    private static Path cacheDir() {
        String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
    }

    private static boolean javaCppPresent() {
        try {
            Class.forName("org.bytedeco.javacpp.Loader", false, NativesNotice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
