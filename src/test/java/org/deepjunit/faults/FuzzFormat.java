package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.Model;

/**
 * One model file format under the corrupt-model fuzz: how to write a healthy model, how to load files as a user
 * would, and the mutations that only make sense for it. Implementations need a public no-argument constructor:
 * the child JVM that loads the cases creates them by class name. A TensorFlow SavedModel format plugs in the same
 * way.
 */
public interface FuzzFormat {

    /** A short name for figures, e.g. "dl4j-zip". */
    String name();

    /** Writes the healthy model's files into {@code dir}, in the order {@link #load} takes them. */
    List<Path> writeOriginal(Path dir) throws IOException;

    /** Loads files as a user would; {@code sha256} is the pinned hash, or null for none. */
    Model load(List<Path> files, String sha256);

    /** Mutations only this format knows (edits inside a zip, absurd JSON dimensions), added to the byte ones. */
    default List<Mutation> mutations() {
        return List.of();
    }
}
