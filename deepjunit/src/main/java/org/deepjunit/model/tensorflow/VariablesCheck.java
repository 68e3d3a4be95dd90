package org.deepjunit.model.tensorflow;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checks, before TensorFlow loads a SavedModel, that its {@code variables/} checkpoint holds what its graph
 * restores. TensorFlow skips the restore when {@code variables/variables.index} is missing and fails only at the
 * first prediction ("uninitialized value"); a {@code saved_model.pb} from another model fails there too ("In[1] is
 * not a matrix"). Here both are load errors naming the file and the mismatch: every tensor name a RestoreV2 op
 * reads must be in the index with the dtype it expects, and with the shape of the variable it is assigned to.
 */
final class VariablesCheck {

    private VariablesCheck() {}

    static void check(Path dir, MetaGraphDef meta) {
        Map<String, String[]> wanted = new HashMap<>(); // tensor name → {dtype, restore node}
        collect(meta.getGraphDef().getNodeList(), "", wanted);
        for (FunctionDef f : meta.getGraphDef().getLibrary().getFunctionList()) {
            collect(f.getNodeDefList(), f.getSignature().getName(), wanted);
        }
        boolean hasVariables = meta.getGraphDef().getNodeList().stream()
                .anyMatch(n -> n.getOp().equals("VarHandleOp") || n.getOp().startsWith("Variable"));
        if (wanted.isEmpty() && !hasVariables) {
            return; // nothing to restore: TensorFlow needs no variables/ folder
        }
        String where = "SavedModel directory " + dir.toAbsolutePath();
        Path vars = dir.resolve("variables");
        String restored = wanted.isEmpty() ? "has variables" : "restores variable(s) " + new TreeSet<>(wanted.keySet());
        if (!Files.isDirectory(vars)) {
            throw new ModelLoadException(where + " has no variables/ folder, but its saved_model.pb " + restored
                    + ": the copy is incomplete; copy the whole SavedModel directory");
        }
        Path indexFile = vars.resolve("variables.index");
        if (!Files.isRegularFile(indexFile)) {
            throw new ModelLoadException(where + " has no variables/variables.index, but its saved_model.pb " + restored
                    + ": the copy is incomplete; copy the whole SavedModel directory");
        }
        CheckpointIndex index;
        try {
            index = CheckpointIndex.read(indexFile);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "Checkpoint index " + indexFile.toAbsolutePath() + " is corrupt (" + e.getMessage()
                            + "); re-export the SavedModel",
                    e);
        }
        if (index == null) {
            return;
        }
        int shards = Math.max(1, index.header().getNumShards());
        for (int s = 0; s < shards; s++) {
            Path data = vars.resolve(String.format("variables.data-%05d-of-%05d", s, shards));
            if (!Files.isRegularFile(data)) {
                throw new ModelLoadException(where + " has no variables/" + data.getFileName()
                        + ", which variables/variables.index refers to: the "
                        + "copy is incomplete; copy the whole SavedModel directory");
            }
        }
        TreeSet<String> missing = new TreeSet<>(wanted.keySet());
        missing.removeAll(index.entries().keySet());
        if (!missing.isEmpty()) {
            throw mismatch(
                    dir,
                    "saved_model.pb restores variable(s) " + missing + " (" + wanted.get(missing.first())[1]
                            + "), which variables/variables.index does not hold; it holds "
                            + new TreeSet<>(index.entries().keySet()));
        }
        for (Map.Entry<String, String[]> w : new java.util.TreeMap<>(wanted).entrySet()) {
            BundleEntryProto e = index.entries().get(w.getKey());
            String[] what = w.getValue();
            if (!what[0].isEmpty() && !e.getDtype().name().equals(what[0])) {
                throw mismatch(
                        dir,
                        "saved_model.pb restores variable '" + w.getKey() + "' as " + what[0]
                                + ", but variables/variables.index holds it as "
                                + e.getDtype().name());
            }
            if (what[2] != null && !what[2].equals(shape(e.getShape()))) {
                throw mismatch(
                        dir,
                        "saved_model.pb's variable '" + w.getKey() + "' has shape " + what[2]
                                + ", but variables/variables.index holds shape " + shape(e.getShape()));
            }
        }
    }

    private static ModelLoadException mismatch(Path dir, String detail) {
        return new ModelLoadException("SavedModel directory " + dir.toAbsolutePath() + ": " + detail + ". Its "
                + "saved_model.pb and variables/ come from different models (or one is corrupt): re-export the model");
    }

    /**
     * Adds every tensor name the RestoreV2 ops of one graph or function read: its dtype, where it is restored, and
     * (top-level graph only, where RestoreV2 feeds an AssignVariableOp on a VarHandleOp) the variable's shape.
     */
    private static void collect(List<NodeDef> nodes, String function, Map<String, String[]> out) {
        Map<String, NodeDef> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.getName(), n));
        for (NodeDef n : nodes) {
            if (!n.getOp().equals("RestoreV2") || n.getInputCount() < 2) {
                continue;
            }
            NodeDef names = byName.get(nodeName(n.getInput(1)));
            if (names == null || !names.getOp().equals("Const")) {
                continue; // names computed at run time: nothing to check statically
            }
            List<String> keys = strings(names.getAttrOrDefault("value", AttrValue.getDefaultInstance())
                    .getTensor());
            List<org.tensorflow.proto.DataType> dtypes = n.getAttrOrDefault("dtypes", AttrValue.getDefaultInstance())
                    .getList()
                    .getTypeList();
            String at = "op '" + n.getName() + "'" + (function.isEmpty() ? "" : " in function '" + function + "'");
            for (int i = 0; i < keys.size(); i++) {
                String dtype = i < dtypes.size() ? dtypes.get(i).name() : "";
                out.put(keys.get(i), new String[] {dtype, at, variableShape(nodes, byName, n, i)});
            }
        }
    }

    /**
     * The values of a string tensor: {@code string_val}, or {@code tensor_content} as TensorFlow encodes string
     * lists there (every length as a varint, then every string's bytes), which is how TF Java writes them.
     */
    static List<String> strings(TensorProto t) {
        List<String> out = new ArrayList<>();
        if (t.getStringValCount() > 0 || t.getTensorContent().isEmpty()) {
            t.getStringValList().forEach(b -> out.add(b.toStringUtf8()));
            return out;
        }
        long n = 1;
        for (TensorShapeProto.Dim d : t.getTensorShape().getDimList()) {
            n *= d.getSize();
        }
        try {
            CodedInputStream in = t.getTensorContent().newCodedInput();
            int[] lengths = new int[(int) Math.min(n, 1 << 20)];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = in.readRawVarint32();
            }
            for (int length : lengths) {
                out.add(new String(in.readRawBytes(length), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // not a string list: nothing to check statically
        }
        return out;
    }

    /** The shape of the VarHandleOp that output {@code i} of {@code restore} is assigned to, or null. */
    private static String variableShape(List<NodeDef> nodes, Map<String, NodeDef> byName, NodeDef restore, int i) {
        String ref = i == 0 ? restore.getName() : restore.getName() + ":" + i;
        for (NodeDef n : nodes) {
            if (n.getOp().equals("AssignVariableOp")
                    && n.getInputCount() >= 2
                    && (n.getInput(1).equals(ref) || (i == 0 && n.getInput(1).equals(ref + ":0")))) {
                NodeDef handle = byName.get(nodeName(n.getInput(0)));
                if (handle != null && handle.getOp().equals("VarHandleOp") && handle.containsAttr("shape")) {
                    TensorShapeProto s = handle.getAttrOrThrow("shape").getShape();
                    boolean known =
                            !s.getUnknownRank() && s.getDimList().stream().allMatch(d -> d.getSize() >= 0);
                    return known ? shape(s) : null;
                }
            }
        }
        return null;
    }

    private static String shape(TensorShapeProto s) {
        List<Long> dims = new ArrayList<>();
        s.getDimList().forEach(d -> dims.add(d.getSize()));
        return dims.toString();
    }

    /** {@code "^a"}, {@code "a:1"}, {@code "a:output:0"} → {@code "a"}. */
    static String nodeName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }
}
