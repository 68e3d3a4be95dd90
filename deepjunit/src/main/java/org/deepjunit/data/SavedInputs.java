package org.deepjunit.data;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Saves inputs worth a look — a generated input that failed a test or made models disagree, an input on which a
 * model and its reference disagreed — for a person and for tools: {@code <name>.npy} (the tensor, float32, without
 * a leading batch of one), {@code <name>.png} (image inputs) and {@code <name>.json} (metadata, with the file
 * names), each written atomically; and an {@code index.html} listing every saved input of a folder with its image
 * and metadata (and, where its JSON names an {@code explanationFile}, that heat map beside the image). Saving the same
 * input under the same name twice, from several threads, writes the same bytes.
 */
@API(status = STABLE, since = "0.1")
public final class SavedInputs {

    private static final Object INDEX_LOCK = new Object();

    private SavedInputs() {}

    /** The files written for one input. */
    public record Saved(Path npy, Path png, Path json) {
        /** The paths, PNG first when there is one, for messages. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>();
            if (png != null) {
                all.add(png);
            }
            all.add(npy);
            all.add(json);
            return all;
        }
    }

    /**
     * @param dir      the folder, such as {@code <reportDir>/generated/MyTest.method}
     * @param name     the file name without extension, such as {@code 17-seed4211}; unsafe characters become
     *                 {@code _}
     * @param input    the input, {@code [1, ...]} or one sample
     * @param range    the valid range {@code {min, max}} drawn black to white in the PNG; null to take [0, 1] or
     *                 [0, 255] from the values (no PNG when they fit neither)
     * @param metadata anything Jackson can write; the file names are added
     */
    public static Saved save(Path dir, String name, Tensor input, double[] range, Map<String, Object> metadata) {
        String base = safeName(name);
        Tensor sample = withoutBatch(input);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        Path npy = dir.resolve(base + ".npy");
        Npy.write(sample.as(DataType.FLOAT32), npy);
        meta.put("tensorFile", base + ".npy");
        double[] pixels = range != null && Images.isImageShape(sample.shape()) ? range : pixelRange(sample);
        Path png = null;
        if (pixels != null) {
            png = dir.resolve(base + ".png");
            Images.writePng(sample, pixels[0], pixels[1], png);
            meta.put("imageFile", base + ".png");
        }
        Path json = dir.resolve(base + ".json");
        AtomicFiles.write(json, Json.write(meta));
        return new Saved(npy, png, json);
    }

    private static Tensor withoutBatch(Tensor input) {
        int[] dims = input.shape().dims();
        return dims.length > 1 && dims[0] == 1 ? input.reshape(Arrays.copyOfRange(dims, 1, dims.length)) : input;
    }

    /**
     * The pixel range an image-shaped sample is drawn with: [0, 1] for values in it, [0, 255] for values in that;
     * null when the sample is no image (its shape, non-finite or out-of-range values).
     */
    static double[] pixelRange(Tensor sample) {
        Shape s = sample.shape();
        if (!Images.isImageShape(s) || s.dim(0) < 2 || s.dim(1) < 2) {
            return null;
        }
        double min = 0;
        double max = 0;
        for (int i = 0; i < sample.size(); i++) {
            double v = sample.getDouble(i);
            if (!Double.isFinite(v)) {
                return null;
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (min < 0 || max > 255) {
            return null;
        }
        return new double[] {0, max <= 1 ? 1 : 255};
    }

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

    /**
     * Rewrites {@code <dir>/index.html} from the JSON files in {@code dir} and its sub-folders (two levels): a table
     * of each input's folder, files, image and metadata, under {@code title} and {@code description}.
     */
    public static void writeIndex(Path generated, String title, String description) {
        synchronized (INDEX_LOCK) {
            List<Path> files = new ArrayList<>();
            collectJson(generated, 3, files);
            files.sort(null);
            StringBuilder html = new StringBuilder("""
                    <!DOCTYPE html>
                    <html><head><meta charset="utf-8"><title>DeepJUnit: %s</title>
                    <style>body{font-family:sans-serif}td,th{border-bottom:1px solid #ddd;padding:4px;vertical-align:top;\
                    text-align:left}img{image-rendering:pixelated;width:84px}pre{margin:0;font-size:11px}</style></head>
                    <body><h1>%s</h1>
                    <p>%s</p>
                    <table><tr><th>group</th><th>input</th><th>image (and its explanation)</th><th>metadata</th></tr>
                    """.formatted(esc(title), esc(title), esc(description)));
            List<String> rows = new ArrayList<>();
            for (Path json : files) {
                JsonNode node;
                try {
                    node = Json.readTree(Files.readAllBytes(json));
                } catch (IOException e) {
                    continue; // a file being replaced; the next save rewrites the index
                }
                String rel = generated.relativize(json.getParent()).toString().replace('\\', '/');
                String prefix = rel.isEmpty() ? "" : rel + "/";
                String base = json.getFileName().toString().replaceFirst("\\.json$", "");
                StringBuilder row = new StringBuilder("<tr><td>")
                        .append(esc(rel))
                        .append("</td><td><a href=\"")
                        .append(esc(prefix + base + ".npy"))
                        .append("\">")
                        .append(esc(base))
                        .append("</a> (<a href=\"")
                        .append(esc(prefix + base + ".json"))
                        .append("\">json</a>)</td><td>");
                if (node.has("imageFile")) {
                    row.append("<img src=\"")
                            .append(esc(prefix + node.get("imageFile").asText()))
                            .append("\">");
                } else if (Files.isRegularFile(json.resolveSibling(base + ".png"))) {
                    row.append("<img src=\"")
                            .append(esc(prefix + base + ".png"))
                            .append("\">");
                }
                if (node.has("explanationFile")) {
                    row.append(" <img src=\"")
                            .append(esc(prefix + node.get("explanationFile").asText()))
                            .append("\" title=\"")
                            .append(esc(node.path("explanation").asText()))
                            .append("\">");
                }
                row.append("</td><td><pre>");
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().endsWith("File")) {
                        row.append(esc(e.getKey()))
                                .append(": ")
                                .append(esc(
                                        e.getValue().isTextual()
                                                ? e.getValue().asText()
                                                : e.getValue().toString()))
                                .append('\n');
                    }
                }
                rows.add(row.append("</pre></td></tr>\n").toString());
            }
            rows.forEach(html::append);
            html.append("</table></body></html>\n");
            AtomicFiles.writeString(generated.resolve("index.html"), html.toString());
        }
    }

    /** {@code s} as a file or folder name of saved inputs: every character but letters, digits, {@code . _ -} as {@code _}. */
    public static String safeName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
