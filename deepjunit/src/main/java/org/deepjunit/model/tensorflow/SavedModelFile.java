package org.deepjunit.model.tensorflow;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;

/**
 * A SavedModel's {@code saved_model.pb} (or {@code .pbtxt}) read by DeepJUnit before TensorFlow loads it, so that
 * the meta graph TensorFlow would run can be checked first, and so that a corrupt file or a wrong tag set is named
 * as such rather than as a TensorFlow load error.
 */
final class SavedModelFile {

    private SavedModelFile() {}

    /**
     * The meta graph whose tags include every one of {@code tags}, as TensorFlow's loader picks it.
     *
     * @throws ModelLoadException naming the file when it is unreadable, or the tag sets it offers when none matches
     */
    static MetaGraphDef metaGraph(Path dir, List<String> tags) {
        Path pb = dir.resolve("saved_model.pb");
        SavedModel sm = read(dir, pb);
        List<List<String>> sets = new ArrayList<>();
        for (MetaGraphDef m : sm.getMetaGraphsList()) {
            if (m.getMetaInfoDef().getTagsList().containsAll(tags)) {
                return m;
            }
            sets.add(List.copyOf(m.getMetaInfoDef().getTagsList()));
        }
        if (sets.isEmpty()) {
            throw new ModelLoadException("SavedModel file " + pb.toAbsolutePath() + " holds no meta graph: it is "
                    + "not a SavedModel, or is corrupt. Re-export the model");
        }
        throw new ModelLoadException("SavedModel directory " + dir.toAbsolutePath() + " has no meta graph with tags "
                + tags + "; it offers tag sets " + sets + ": choose one with .tags(...)");
    }

    private static SavedModel read(Path dir, Path pb) {
        Path file = Files.isRegularFile(pb) ? pb : dir.resolve("saved_model.pbtxt");
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (file == pb) {
                return SavedModel.parseFrom(bytes);
            }
            SavedModel.Builder b = SavedModel.newBuilder();
            TextFormat.merge(new String(bytes, StandardCharsets.UTF_8), b);
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "SavedModel file " + file.toAbsolutePath() + " is not a readable SavedModel " + "protocol buffer ("
                            + e.getMessage() + "): the file is corrupt or truncated; re-export it",
                    e);
        }
    }
}
