package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;

/** DL4J ModelSerializer zips for tests: written by DL4J, then edited entry by entry. */
final class Dl4jZips {

    private Dl4jZips() {}

    /** {@link Dl4jTestNets#cnn(long)} saved as a zip whose configuration.json went through {@code edit}. */
    static Path cnnWithConfig(Path dir, String name, UnaryOperator<String> edit) throws IOException {
        Path full = dir.resolve("original-" + name);
        ModelSerializer.writeModel(Dl4jTestNets.cnn(3), full.toFile(), false);
        return rewrite(full, dir.resolve(name), edit, null, null);
    }

    /**
     * Copies a zip, editing configuration.json and adding one entry.
     *
     * @param extraName an entry to add, or null
     */
    static Path rewrite(Path from, Path to, UnaryOperator<String> editConfig, String extraName, byte[] extra)
            throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("configuration.json") && editConfig != null) {
                    bytes = editConfig
                            .apply(new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.write(bytes);
                out.closeEntry();
            }
            if (extraName != null) {
                out.putNextEntry(new ZipEntry(extraName));
                out.write(extra);
                out.closeEntry();
            }
        }
        return to;
    }
}
