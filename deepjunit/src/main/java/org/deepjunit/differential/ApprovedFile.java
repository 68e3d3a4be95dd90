package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.deepjunit.model.ModelFiles;

/**
 * The content of a {@code Class.method[.variant].approved.json} (or {@code .received.json}) file:
 * which test and models it is about, the files each model was loaded from with their SHA-256 (so that a verdict
 * says which weights it was made on), and one {@link ApprovedVerdict} per input, sorted by id so that the file is
 * stable and diffs well in code review.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"test", "modelUnderTest", "modelUnderTestFiles", "reference", "referenceFiles", "records"})
public record ApprovedFile(
        String test,
        String modelUnderTest,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelFiles.Entry> modelUnderTestFiles,
        String reference,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelFiles.Entry> referenceFiles,
        List<ApprovedVerdict> records) {

    public ApprovedFile {
        modelUnderTestFiles = modelUnderTestFiles == null ? List.of() : List.copyOf(modelUnderTestFiles);
        referenceFiles = referenceFiles == null ? List.of() : List.copyOf(referenceFiles);
        List<ApprovedVerdict> sorted = new ArrayList<>(records == null ? List.of() : records);
        sorted.sort(Comparator.comparing(ApprovedVerdict::id));
        records = List.copyOf(sorted);
    }

    /** A file about two models and the files they were loaded from ({@link ModelFiles#none()} for none). */
    public static ApprovedFile of(
            String test,
            String modelUnderTest,
            ModelFiles modelUnderTestFiles,
            String reference,
            ModelFiles referenceFiles,
            Collection<ApprovedVerdict> records) {
        return new ApprovedFile(
                test,
                modelUnderTest,
                modelUnderTestFiles.entries(),
                reference,
                referenceFiles.entries(),
                new ArrayList<>(records));
    }

    /**
     * Reads a file; an empty file when it does not exist. A file people edited wrongly is an
     * {@link IllegalStateException} naming the file and the record: not JSON, unknown fields (a misspelt
     * {@code "corect"} would silently drop a verdict), a record without id or answers, a negative {@code correct},
     * a stored input that does not decode, does not fit its shape or is not the input its id names.
     */
    public static ApprovedFile read(Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new ApprovedFile(null, null, null, null, null, List.of());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read approved verdicts " + path + ": " + e, e);
        }
        ApprovedFile file;
        try {
            ApprovedFileSchema.check(Json.readTree(content));
            file = Json.read(content, ApprovedFile.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read approved verdicts " + path + ": not a DeepJUnit approved file (" + e.getMessage()
                            + "). Fix it, or delete it and approve the received file of a new run",
                    e);
        }
        List<ApprovedVerdict> records = file.records();
        for (int i = 0; i < records.size(); i++) {
            String problem = ApprovedFileSchema.problem(records.get(i));
            if (problem != null) {
                throw new IllegalStateException("Approved verdicts " + path + ", record " + (i + 1) + " (id "
                        + records.get(i).id() + "): " + problem
                        + ". Fix or delete the record, or approve the received file of a new run");
            }
        }
        return file;
    }

    /** Writes the file atomically, indented, records sorted by id. */
    public void write(Path path) {
        AtomicFiles.write(path, Json.write(this));
    }
}
