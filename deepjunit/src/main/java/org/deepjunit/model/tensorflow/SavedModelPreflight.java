package org.deepjunit.model.tensorflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.proto.MetaGraphDef;

/**
 * What DeepJUnit checks in a SavedModel directory before TensorFlow runs any of it, in this order: the files'
 * SHA-256 against a pin (nothing is parsed from changed files), the meta graph for the tags ({@link SavedModelFile}),
 * the ops loading and serving would run ({@link SavedModelOps}), and that {@code variables/} holds what the graph
 * restores ({@link VariablesCheck}).
 */
final class SavedModelPreflight {

    private SavedModelPreflight() {}

    /**
     * Runs the checks.
     *
     * @param sha256     the pinned hash, or null
     * @param allowedOps op types allowed although denied, or null to trust every op
     * @return the model's files with their hashes
     * @throws ModelLoadException naming the directory or file and what is wrong
     */
    static ModelFiles check(Path dir, List<String> tags, String signature, String sha256, Set<String> allowedOps) {
        ModelFiles files = ModelFiles.of(dir);
        if (sha256 != null) {
            files.requireSha256(sha256, "SavedModel directory " + dir.toAbsolutePath() + " (its files)");
        }
        MetaGraphDef meta = SavedModelFile.metaGraph(dir, tags);
        if (allowedOps != null) {
            SavedModelOps.check(dir, meta, signature, allowedOps);
        }
        VariablesCheck.check(dir, meta);
        return files;
    }
}
