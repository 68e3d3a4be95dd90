package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;

/**
 * One model file format under the corrupt-model fuzz: how to write a healthy model, how to load files as a user
 * would, and the mutations that only make sense for it. Implementations need a public no-argument constructor:
 * the child JVM that loads the cases creates them by class name.
 */
public interface FuzzFormat {

    /** A short name for figures, e.g. "dl4j-zip". */
    String name();

    /** Writes the healthy model's files into {@code dir}, in the order {@link #load} takes them. */
    List<Path> writeOriginal(Path dir) throws IOException;

    /** Loads files as a user would; {@code sha256} is the pinned hash, or null for none. */
    Model load(List<Path> files, String sha256);

    /** The SHA-256 a user pins for these files, as {@code load}'s {@code sha256} takes it. */
    default String sha256(List<Path> files) {
        return ModelFiles.of(files.toArray(Path[]::new)).sha256();
    }

    /**
     * Names of which a refusal must contain one, given those of the damaged files: by default these; a format loaded
     * from a directory may accept the directory's path.
     */
    default List<String> blame(List<Path> files, List<String> damaged) {
        return damaged;
    }

    /**
     * Files, among {@link #writeOriginal}'s, that a healthy model may lack and still load, described otherwise (a
     * SavedModel without {@code keras_metadata.pb}): a case that lacks one is compared with the healthy model
     * without it, since a missing optional file cannot be told from a model that never had it.
     */
    default List<String> optionalFiles() {
        return List.of();
    }

    /** Mutations only this format knows (edits inside a zip, absurd JSON dimensions), added to the byte ones. */
    default List<Mutation> mutations() {
        return List.of();
    }
}
