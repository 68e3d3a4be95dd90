package org.deepjunit.model.dl4j;

import java.nio.file.Path;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.Shape;

/**
 * What a {@link Dl4jModel.Builder} was told: null name and shape for the defaults, a pinned SHA-256 or null, and
 * whether Java objects in a zip may be deserialized.
 */
record LoadOptions(String name, Shape inputShape, String sha256, boolean allowJavaDeserialization) {

    /** Hashes the model's files and, when a hash is pinned, checks it before anything parses them. */
    ModelFiles files(Path... paths) {
        ModelFiles files = ModelFiles.of(paths);
        if (sha256 != null) {
            StringBuilder what = new StringBuilder();
            for (Path p : paths) {
                what.append(what.length() == 0 ? "" : " + ").append(p);
            }
            files.requireSha256(sha256, what.toString());
        }
        return files;
    }
}
