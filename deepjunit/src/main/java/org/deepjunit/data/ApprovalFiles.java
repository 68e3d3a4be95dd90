package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where results that a person approves are kept: {@code <dir>/<name>.<what>.approved.<extension>} and, beside them,
 * a run's differing result as {@code .received.<extension>}, one file per extension (a JSON file and its scores, a
 * map and its heat map). Approving is renaming the received files.
 *
 * @param dir        the folder
 * @param what       what the files hold, e.g. {@code quality}
 * @param extensions the extensions of one result's files
 */
@API(status = INTERNAL, since = "0.1")
public record ApprovalFiles(Path dir, String what, List<String> extensions) {

    public static final String APPROVED = "approved";
    public static final String RECEIVED = "received";

    public ApprovalFiles {
        extensions = List.copyOf(extensions);
    }

    /** The file of {@code name}'s {@code kind} ({@link #APPROVED} or {@link #RECEIVED}), whether or not it exists. */
    public Path file(String name, String kind, String extension) {
        return dir.resolve(name + "." + what + "." + kind + "." + extension);
    }

    /** Deletes the files of {@code name}'s {@code kind} that exist. */
    public void delete(String name, String kind) {
        for (String extension : extensions) {
            Path file = file(name, kind, extension);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot delete " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
