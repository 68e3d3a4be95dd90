package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Class names by output index, e.g. from a label file with one name per line ({@code labels.txt} beside a
 * model): line 1 names output 0.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Labels {

    private final List<String> names;
    private final String source;

    private Labels(List<String> names, String source) {
        this.names = List.copyOf(names);
        this.source = source;
    }

    /** The given names, output 0 first. */
    public static Labels of(String... names) {
        return new Labels(List.of(names), "labels " + List.of(names));
    }

    /**
     * Reads a UTF-8 label file, one name per line; trailing empty lines are ignored.
     *
     * @throws IllegalArgumentException naming the file and line when a name is empty or the file cannot be read
     */
    public static Labels read(Path file) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read label file " + file + ": " + e, e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new IllegalArgumentException(
                        "Label file " + file + ": line " + (i + 1) + " is empty; give one class name per line");
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Label file " + file + " holds no labels");
        }
        return new Labels(lines, "label file " + file);
    }

    public int size() {
        return names.size();
    }

    /** The name of output {@code index}. */
    public String get(int index) {
        return names.get(index);
    }

    /** Where the names came from, for messages: "label file labels.txt". */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
