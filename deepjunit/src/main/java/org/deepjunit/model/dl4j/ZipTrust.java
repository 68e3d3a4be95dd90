package org.deepjunit.model.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.deepjunit.model.ModelLoadException;

/**
 * Refuses a DL4J zip holding an entry that {@code ModelSerializer.restoreMultiLayerNetwork} or
 * {@code restoreComputationGraph} (1.0.0-M2.1) would pass to {@code ObjectInputStream.readObject}: a model file
 * from outside could otherwise run a Java deserialization payload in the test JVM. A JVM-wide serial filter is no
 * fix (it can be set once per JVM and DL4J opens the stream itself), so the entries are read here first.
 */
final class ZipTrust {

    /** The entries DL4J's restore methods deserialize with ObjectInputStream (seen in their bytecode). */
    static final Set<String> JAVA_SERIALIZED = Set.of("preprocessor.bin");

    private ZipTrust() {}

    static void refuseJavaObjects(Path zip) {
        // DL4J reads the zip with ZipInputStream (local headers) and ZipFile reads the central directory: a
        // crafted zip can make them disagree, so both views are checked.
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(file.entries())) {
                refuse(zip, e.getName());
            }
        } catch (IOException | IllegalArgumentException e) { // an entry name that does not decode
            throw unreadable(zip, e);
        }
        try (InputStream raw = Files.newInputStream(zip);
                ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                refuse(zip, e.getName());
            }
        } catch (IOException | IllegalArgumentException e) { // an entry name that does not decode
            throw unreadable(zip, e);
        }
    }

    private static void refuse(Path zip, String entry) {
        if (JAVA_SERIALIZED.contains(entry)) {
            throw new ModelLoadException(zip + " holds the entry '" + entry + "', which DL4J would read with Java"
                    + " deserialization (ObjectInputStream): a file from outside could run code in this JVM that way,"
                    + " so DeepJUnit refuses it. If you trust this file, load it with"
                    + " Dl4jModel.builder(zip).allowJavaDeserialization().build()");
        }
    }

    private static ModelLoadException unreadable(Path zip, Exception e) {
        return new ModelLoadException(
                zip + " is not a DL4J ModelSerializer zip: not a readable zip archive, truncated or corrupt ("
                        + e.getMessage() + ")",
                e);
    }
}
