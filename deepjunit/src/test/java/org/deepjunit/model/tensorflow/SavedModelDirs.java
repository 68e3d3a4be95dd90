package org.deepjunit.model.tensorflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;

/** Writing, copying and deleting SavedModel directories, for the tests that make or damage them. */
public final class SavedModelDirs {

    private SavedModelDirs() {}

    /** Exports {@code session}'s graph as a SavedModel with the one function {@code signature} (tag "serve"). */
    public static void export(Path dir, Session session, Signature signature) {
        try {
            SavedModelBundle.exporter(dir.toString())
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A committed fixture of {@code keras-savedmodels/}: "dense" (with keras_metadata.pb) or "cnn". */
    public static Path fixture(String name) {
        return KerasFixtureModels.fixture(name);
    }

    /** Copies a committed fixture of {@code keras-savedmodels/} ("dense", "cnn") to {@code to}. */
    public static Path copyFixture(String name, Path to) {
        return copy(KerasFixtureModels.fixture(name), to);
    }

    /** Copies the directory tree {@code from} to {@code to}, which must not exist yet. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
