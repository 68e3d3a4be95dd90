package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deepjunit.model.ModelLoadException;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Tells apart what DL4J's Keras importer cannot read (Keras 3 files, dict-input models, corrupt HDF5) and says so
 * with the way out, instead of a raw HDF5 error, a {@code ClassCastException} or a {@code bad_alloc}.
 */
final class KerasFormats {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    /** Where to go for a Keras model DL4J cannot import. */
    static final String WAY_OUT = "DL4J imports tf.keras 2 / Keras 1-2 HDF5 files only. Export the model as a"
            + " TensorFlow SavedModel (Keras 3: model.export(\"dir\"); tf.keras 2: model.save(\"dir\")) and load it"
            + " with org.deepjunit.model.tensorflow.TensorFlowModel.load(dir)";

    private KerasFormats() {}

    /** Refuses a file that is not HDF5, naming a Keras 3 {@code .keras} archive as what it is. */
    static void requireHdf5(Path path, String expected) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + path + "; expected " + expected + ": " + e.getMessage(), e);
        }
        if (read >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_SIGNATURE)) {
            throw new ModelLoadException(path + " is a zip archive, as Keras 3 saves a .keras model; expected "
                    + expected + ". Keras 3 files are not supported: " + WAY_OUT);
        }
        if (read < 8 || !Arrays.equals(head, HDF5_SIGNATURE)) {
            throw new ModelLoadException(
                    path + " is not an HDF5 file (no HDF5 signature at its start); expected " + expected);
        }
    }

    /** Refuses an architecture written by Keras 3 or taking a dict of inputs. */
    static void requireImportable(JsonNode root, String kerasVersion, Path source) {
        if (kerasVersion != null && kerasVersion.startsWith("3") || root.has("module") || root.has("registered_name")) {
            throw new ModelLoadException(source + " was written by Keras 3"
                    + (kerasVersion != null ? " (keras_version " + kerasVersion + ")" : "")
                    + ", whose format DL4J's Keras importer cannot read. " + WAY_OUT);
        }
        JsonNode inputs = root.path("config").path("input_layers");
        if (inputs.isObject()) {
            throw new ModelLoadException(source + " is a Keras model that takes a dict of named inputs "
                    + inputs.fieldNames().next() + "..., which DL4J's Keras importer does not support. Rebuild it"
                    + " with a list of inputs, or: " + WAY_OUT);
        }
    }

    /** A message for what DL4J or HDF5 threw while importing: what is wrong with which file. */
    static String explain(Throwable e, Path json, Path h5) {
        String text = String.valueOf(e.getMessage());
        Path source = json != null ? json : h5;
        if (e instanceof OutOfMemoryError || text.contains("bad_alloc")) {
            return source + " declares tensors too large to allocate (a corrupt or edited dimension?): " + e;
        }
        if (e instanceof ClassCastException) {
            return source + " has a field of the wrong type for DL4J's Keras importer (a list where a number"
                    + " belongs, or the reverse): the file is corrupt or edited: " + e;
        }
        if (isHdf5Error(e)) {
            return h5 + " is a corrupt or truncated HDF5 file: HDF5 could not read it (" + text + ")";
        }
        return null;
    }

    private static boolean isHdf5Error(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("H5") || m.contains("HDF5") || t.getClass().getName().startsWith("org.bytedeco.hdf5")) {
                return true;
            }
        }
        return false;
    }
}
