package org.deepjunit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.Tensor;

/**
 * Saves inputs worth a look (failed a test, made models disagree) under
 * {@code <reportDir>/generated/<group>/}: {@code <name>.npy} (the tensor), {@code <name>.png}
 * (image inputs) and {@code <name>.json} (metadata), each written atomically, and keeps
 * {@code <reportDir>/generated/index.html} listing them all with their images and metadata.
 */
public final class SavedInputs {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object INDEX_LOCK = new Object();

    private SavedInputs() {
    }

    /**
     * @param reportDir the report directory ({@code deepjunit.report.dir})
     * @param group     a folder for related inputs, such as {@code MyTest.method}
     * @param name      the file name without extension, such as {@code 17-seed4211}
     * @param input     the input, {@code [1, ...]} or one sample
     * @param min       the valid range's minimum (black in the PNG)
     * @param max       the valid range's maximum (white in the PNG)
     * @param metadata  anything Jackson can write; the file names are added
     * @return the JSON file
     */
    public static Path save(Path reportDir, String group, String name, Tensor input, double min, double max,
                            Map<String, Object> metadata) {
        Path generated = reportDir.resolve("generated");
        Path dir = generated.resolve(safe(group));
        String base = safe(name);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        Npy.write(input, dir.resolve(base + ".npy"));
        meta.put("tensorFile", base + ".npy");
        org.deepjunit.Shape s = input.shape();
        org.deepjunit.Shape sample = s.rank() >= 1 && s.dim(0) == 1 && s.rank() > 2 ? s.withoutBatch() : s;
        if (Images.isImageShape(sample)) {
            Images.writePng(input, min, max, dir.resolve(base + ".png"));
            meta.put("imageFile", base + ".png");
        }
        Path json = dir.resolve(base + ".json");
        try {
            AtomicFiles.write(json, JSON.writeValueAsBytes(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeIndex(generated);
        return json;
    }

    /** Rewrites {@code generated/index.html} from the JSON files found under it. */
    public static void writeIndex(Path generated) {
        writeIndex(generated, "Saved inputs",
                "Inputs that failed a test or made models disagree; each with its tensor (.npy) and metadata.");
    }

    /**
     * Rewrites {@code <dir>/index.html} from the JSON files in {@code dir} and its sub-folders (one level): a table
     * of each input's folder, files, image and metadata, under {@code title} and {@code description}.
     */
    /**
     * The {@code .json} files up to {@code depth} folders down. Unlike {@link Files#walk}, it
     * tolerates other threads' temporary files (hidden, named {@code .*}) appearing and vanishing
     * while it lists: saves into the same folder run in parallel.
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

    public static void writeIndex(Path generated, String title, String description) {
        synchronized (INDEX_LOCK) {
            List<Path> files = new ArrayList<>();
            collectJson(generated, 2, files);
            files.sort(null);
            StringBuilder html = new StringBuilder("""
                    <!DOCTYPE html>
                    <html><head><meta charset="utf-8"><title>DeepJUnit: %s</title>
                    <style>body{font-family:sans-serif}td,th{border-bottom:1px solid #ddd;padding:4px;vertical-align:top;\
                    text-align:left}img{image-rendering:pixelated;width:84px}pre{margin:0;font-size:11px}</style></head>
                    <body><h1>%s</h1>
                    <p>%s</p>
                    <table><tr><th>group</th><th>input</th><th>image</th><th>metadata</th></tr>
                    """.formatted(esc(title), esc(title), esc(description)));
            List<String> rows = new ArrayList<>();
            for (Path json : files) {
                JsonNode node;
                try {
                    node = JSON.readTree(json.toFile());
                } catch (IOException e) {
                    continue; // a file being replaced; the next save rewrites the index
                }
                String rel = generated.relativize(json.getParent()).toString().replace('\\', '/');
                String prefix = rel.isEmpty() ? "" : rel + "/";
                String base = json.getFileName().toString().replaceFirst("\\.json$", "");
                StringBuilder row = new StringBuilder("<tr><td>").append(esc(rel)).append("</td><td><a href=\"")
                        .append(esc(prefix + base + ".npy")).append("\">").append(esc(base)).append("</a> (<a href=\"")
                        .append(esc(prefix + base + ".json")).append("\">json</a>)</td><td>");
                if (node.has("imageFile")) {
                    row.append("<img src=\"").append(esc(prefix + node.get("imageFile").asText())).append("\">");
                } else if (Files.isRegularFile(json.resolveSibling(base + ".png"))) {
                    row.append("<img src=\"").append(esc(prefix + base + ".png")).append("\">");
                }
                row.append("</td><td><pre>");
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().endsWith("File")) {
                        row.append(esc(e.getKey())).append(": ").append(esc(e.getValue().isTextual()
                                ? e.getValue().asText() : e.getValue().toString())).append('\n');
                    }
                }
                rows.add(row.append("</pre></td></tr>\n").toString());
            }
            rows.forEach(html::append);
            html.append("</table></body></html>\n");
            AtomicFiles.writeString(generated.resolve("index.html"), html.toString());
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
