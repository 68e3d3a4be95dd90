package org.deepjunit.report.browser;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, the browser the page tests drive: installed with apt when
 * missing on a Debian machine where the tests run as root, so that CI and a fresh container need no set-up step;
 * anywhere else a missing browser fails the test with the command that installs it. A page test is never skipped for
 * want of a browser: a skipped check would pass a build whose pages nobody looked at.
 *
 * <p>Parallel test classes and Surefire forks install at most once: one thread of the JVM at a time (a
 * {@link FileLock} is held per JVM, not per thread), one JVM at a time through a lock file, and the files are looked
 * for again once the lock is held.
 */
final class DebianChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "deepjunit-chromium-apt.lock");
    private static final long APT_MINUTES = 15;

    private DebianChromium() {}

    /** Makes sure {@link #BROWSER} and {@link #DRIVER} are there, installing them if this machine allows. */
    static synchronized void ensureInstalled() {
        if (installed()) {
            return;
        }
        if (!Files.isRegularFile(Path.of("/etc/debian_version")) || !isRoot()) {
            throw new IllegalStateException("The report pages are checked in headless Chromium, and " + BROWSER
                    + " or " + DRIVER + " is missing. Install Debian's packages " + String.join(" and ", PACKAGES)
                    + " (the tests do so themselves on Debian as root): sudo apt-get update && sudo apt-get install -y"
                    + " --no-install-recommends " + String.join(" ", PACKAGES));
        }
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (!installed()) {
                install();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + LOCK + " to install " + PACKAGES, e);
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static void install() {
        long start = System.nanoTime();
        apt(List.of("apt-get", "update"));
        apt(List.of("apt-get", "install", "-y", "--no-install-recommends", PACKAGES.get(0), PACKAGES.get(1)));
        if (!installed()) {
            throw new IllegalStateException(
                    "apt-get installed " + PACKAGES + " but " + BROWSER + " or " + DRIVER + " is still missing");
        }
        System.out.printf(
                "DeepJUnit page tests: installed %s with apt-get in %d s%n",
                PACKAGES, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    /** Runs one apt-get command, non-interactively; its whole output is in the exception when it fails. */
    private static void apt(List<String> command) {
        String line = String.join(" ", command);
        try {
            Path log = Files.createTempFile("deepjunit-apt", ".log");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = builder.start();
                if (!process.waitFor(APT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            line + " did not end in " + APT_MINUTES + " minutes:\n" + Files.readString(log));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            line + " failed with exit code " + process.exitValue() + ":\n" + Files.readString(log));
                }
            } finally {
                Files.delete(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line, e);
        }
    }
}
