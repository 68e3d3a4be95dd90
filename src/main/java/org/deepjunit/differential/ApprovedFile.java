package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Json;

/**
 * The content of a {@code Class.method[.variant].approved.json} (or {@code .received.json}) file:
 * which test and models it is about, and one {@link ApprovedVerdict} per input, sorted by id so
 * that the file is stable and diffs well in code review.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"test", "modelUnderTest", "reference", "records"})
public record ApprovedFile(String test, String modelUnderTest, String reference, List<ApprovedVerdict> records) {

    public ApprovedFile {
        List<ApprovedVerdict> sorted = new ArrayList<>(records == null ? List.of() : records);
        sorted.sort(Comparator.comparing(ApprovedVerdict::id));
        records = List.copyOf(sorted);
    }

    public static ApprovedFile of(
            String test, String modelUnderTest, String reference, Collection<ApprovedVerdict> records) {
        return new ApprovedFile(test, modelUnderTest, reference, new ArrayList<>(records));
    }

    /** Reads a file; an empty file when it does not exist. */
    public static ApprovedFile read(Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new ApprovedFile(null, null, null, List.of());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read approved verdicts " + path + ": " + e, e);
        }
        try {
            ApprovedFile file = Json.read(content, ApprovedFile.class);
            for (ApprovedVerdict v : file.records()) {
                if (v.id() == null || v.modelUnderTest() == null || v.reference() == null) {
                    throw new IOException("a record lacks id, modelUnderTest or reference");
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read approved verdicts " + path + ": not a DeepJUnit approved file (" + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** Writes the file atomically, indented, records sorted by id. */
    public void write(Path path) {
        AtomicFiles.write(path, Json.write(this));
    }
}
