package org.deepjunit.report.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.data.Json;

/**
 * One saved input as its JSON file describes it, for the page.
 *
 * @param test   the test that saved it ({@code test} in the JSON), or its folder when the JSON names none
 * @param prefix its folder relative to the page's, ending in {@code /} ("" for the page's own)
 * @param base   its file name without extension, such as {@code 17-seed4211}
 * @param meta   the JSON
 */
record SavedEntry(String test, String prefix, String base, JsonNode meta) {

    /** The path relative to the page, which orders entries: folder, then invocation number. */
    String path() {
        return prefix + base;
    }

    /** A file named in the JSON under {@code key}, relative to the page; null when the JSON names none. */
    String file(String key) {
        JsonNode name = meta.get(key);
        return name == null || !name.isTextual() ? null : prefix + name.asText();
    }

    /**
     * Every saved input in {@code dir} and up to two folders below. A JSON file that cannot be read (being replaced)
     * is left out: the save that replaces it writes the page again.
     */
    static List<SavedEntry> readAll(Path dir) {
        List<Path> files = new ArrayList<>();
        collectJson(dir, 3, files);
        List<SavedEntry> entries = new ArrayList<>();
        for (Path json : files) {
            JsonNode node;
            try {
                node = Json.readTree(Files.readAllBytes(json));
            } catch (IOException e) {
                continue;
            }
            String rel = dir.relativize(json.getParent()).toString().replace('\\', '/');
            String prefix = rel.isEmpty() ? "" : rel + "/";
            String base = json.getFileName().toString().replaceFirst("\\.json$", "");
            String test = node.path("test").isTextual() ? node.get("test").asText() : rel;
            entries.add(new SavedEntry(test, prefix, base, node));
        }
        return entries;
    }

    /**
     * The {@code .json} files up to {@code depth} folders down. Unlike {@link Files#walk}, it tolerates other
     * threads' temporary files (hidden, named {@code .*}) appearing and vanishing while it lists: saves into the
     * same folder run in parallel.
     */
    private static void collectJson(Path dir, int depth, List<Path> into) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (name.endsWith(".json")) {
                    into.add(entry);
                } else if (depth > 1 && Files.isDirectory(entry)) {
                    collectJson(entry, depth - 1, into);
                }
            }
        } catch (NoSuchFileException e) {
            // a folder that is not there (yet) holds nothing to list
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
