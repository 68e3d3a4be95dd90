package org.deepjunit.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The files a model was loaded from, each with its SHA-256, so that a report and an approved file say exactly
 * which weights they measured, and so that a pinned hash catches a changed or corrupted file: DL4J zips and HDF5
 * files carry no checksum of their own.
 *
 * <p>{@link #sha256()} is what a loader's {@code sha256(...)} option pins: for one file, the file's own hash (what
 * {@code sha256sum model.zip} prints); for several files or a SavedModel directory, the SHA-256 of the
 * {@code sha256sum}-style listing {@code "<hash>  <path>\n"} of every file, sorted by path relative to the
 * directory (or by file name).
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class ModelFiles {

    /** One file: its path as given (or relative to the model directory) and its SHA-256 as lowercase hex. */
    public record Entry(String path, String sha256) {}

    private static final ModelFiles NONE = new ModelFiles(List.of());

    private final List<Entry> entries;

    private ModelFiles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No files: a model built in memory. */
    public static ModelFiles none() {
        return NONE;
    }

    /**
     * Hashes {@code paths}: regular files, or directories whose regular files are all hashed (a SavedModel).
     *
     * @throws ModelLoadException naming the path when one is missing or cannot be read
     */
    public static ModelFiles of(Path... paths) {
        List<Entry> entries = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path f : walk.filter(Files::isRegularFile)
                            .sorted(Comparator.comparing(p -> path.relativize(p).toString()))
                            .toList()) {
                        entries.add(new Entry(path.relativize(f).toString().replace('\\', '/'), hash(f)));
                    }
                } catch (IOException e) {
                    throw new ModelLoadException("Cannot read model directory " + path + ": " + e, e);
                }
            } else {
                entries.add(new Entry(path.getFileName().toString(), hash(path)));
            }
        }
        return new ModelFiles(entries);
    }

    /** One file's content read from elsewhere (a classpath resource), under {@code name}. */
    public static ModelFiles ofContent(String name, byte[] content) {
        Objects.requireNonNull(name, "name");
        return new ModelFiles(List.of(new Entry(name, hex(Sha256.digest().digest(content)))));
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The hash a loader's {@code sha256(...)} pins (see the class comment); "" without files. */
    public String sha256() {
        if (entries.isEmpty()) {
            return "";
        }
        if (entries.size() == 1) {
            return entries.get(0).sha256();
        }
        StringBuilder listing = new StringBuilder();
        entries.stream()
                .sorted(Comparator.comparing(Entry::path))
                .forEach(e ->
                        listing.append(e.sha256()).append("  ").append(e.path()).append('\n'));
        return hex(Sha256.digest().digest(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Checks a pinned hash.
     *
     * @param expected the pinned SHA-256, 64 hex digits in any case
     * @param what the model's files as messages name them, e.g. {@code model.zip}
     * @throws ModelLoadException when the files' hash differs, giving both hashes
     * @throws IllegalArgumentException when {@code expected} is not 64 hex digits
     */
    public void requireSha256(String expected, String what) {
        Objects.requireNonNull(expected, "expected");
        String pinned = expected.trim().toLowerCase(Locale.ROOT);
        if (!pinned.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A SHA-256 is 64 hexadecimal digits, not '" + expected + "'");
        }
        String actual = sha256();
        if (!actual.equals(pinned)) {
            throw new ModelLoadException("Model file " + what + " has SHA-256 " + actual + ", but " + pinned
                    + " was pinned: the file changed or is corrupt. Restore the pinned file, or pin the new hash"
                    + " if the change is intended");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFiles other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private static String hash(Path file) {
        MessageDigest sha = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model file " + file + ": " + e, e);
        }
        return hex(sha.digest());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
