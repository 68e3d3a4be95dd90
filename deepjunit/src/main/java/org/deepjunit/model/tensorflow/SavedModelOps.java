package org.deepjunit.model.tensorflow;

import static java.util.Map.entry;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.ModelLoadException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Refuses a SavedModel whose load or serving path would touch files or other processes, before TensorFlow runs
 * any of it. A SavedModel is a program: {@code SavedModelBundle.load} runs its restore and init ops, and a
 * prediction runs its signature. This walks, in {@code saved_model.pb}'s meta graph, every node those reach (data
 * and control inputs) and, recursively, every function-library function a node names ({@code f} of
 * (Stateful)PartitionedCall, {@code body}/{@code then_branch} of loops and conditionals, any other func attr, and
 * functions called as ops), and refuses each op of {@link #DENIED} unless the user allowed it. The saver's own
 * checkpoint ops (RestoreV2, SaveV2, MergeV2Checkpoints...) are allowed on the saver's restore and save paths only.
 */
final class SavedModelOps {

    /** Op types that read or write files or reach outside the process, with what they do (the documented deny list). */
    static final Map<String, String> DENIED = Map.ofEntries(
            entry("ReadFile", "reads a file"),
            entry("WriteFile", "writes a file"),
            entry("MatchingFiles", "lists files"),
            entry("ImmutableConst", "memory-maps a file"),
            entry("FileSystemSetConfiguration", "configures a file system"),
            entry("InitializeTableFromTextFile", "reads a file"),
            entry("InitializeTableFromTextFileV2", "reads a file"),
            entry("WholeFileReader", "reads files"),
            entry("WholeFileReaderV2", "reads files"),
            entry("TextLineReader", "reads files"),
            entry("TextLineReaderV2", "reads files"),
            entry("TFRecordReader", "reads files"),
            entry("TFRecordReaderV2", "reads files"),
            entry("FixedLengthRecordReader", "reads files"),
            entry("FixedLengthRecordReaderV2", "reads files"),
            entry("LMDBReader", "reads files"),
            entry("TextLineDataset", "reads files"),
            entry("TFRecordDataset", "reads files"),
            entry("TFRecordDatasetV2", "reads files"),
            entry("FixedLengthRecordDataset", "reads files"),
            entry("FixedLengthRecordDatasetV2", "reads files"),
            entry("CSVDataset", "reads files"),
            entry("CSVDatasetV2", "reads files"),
            entry("ExperimentalCSVDataset", "reads files"),
            entry("LMDBDataset", "reads files"),
            entry("ExperimentalLMDBDataset", "reads files"),
            entry("SqlDataset", "opens a database"),
            entry("ExperimentalSqlDataset", "opens a database"),
            entry("LoadDataset", "reads files"),
            entry("MatchingFilesDataset", "lists files"),
            entry("ExperimentalMatchingFilesDataset", "lists files"),
            entry("LoadAndRemapMatrix", "reads a checkpoint file"),
            entry("GenerateVocabRemapping", "reads files"),
            entry("Restore", "reads a checkpoint file"),
            entry("RestoreV2", "reads a checkpoint file"),
            entry("RestoreSlice", "reads a checkpoint file"),
            entry("Save", "writes a checkpoint file"),
            entry("SaveV2", "writes a checkpoint file"),
            entry("SaveSlices", "writes a checkpoint file"),
            entry("MergeV2Checkpoints", "moves and deletes checkpoint files"),
            entry("SaveDataset", "writes files"),
            entry("SaveDatasetV2", "writes files"),
            entry("SnapshotDataset", "writes files"),
            entry("SnapshotDatasetV2", "writes files"),
            entry("CacheDatasetV2", "writes files"),
            entry("DatasetToTFRecord", "writes a file"),
            entry("ExperimentalDatasetToTFRecord", "writes a file"),
            entry("CreateSummaryFileWriter", "writes files"),
            entry("CreateSummaryDbWriter", "writes a database"),
            entry("WriteSummary", "writes a summary file"),
            entry("WriteScalarSummary", "writes a summary file"),
            entry("WriteHistogramSummary", "writes a summary file"),
            entry("WriteImageSummary", "writes a summary file"),
            entry("WriteAudioSummary", "writes a summary file"),
            entry("WriteGraphSummary", "writes a summary file"),
            entry("WriteRawProtoSummary", "writes a summary file"),
            entry("ImportEvent", "writes a summary file"),
            entry("DebugIdentity", "writes debug dumps"),
            entry("DebugIdentityV2", "writes debug dumps"),
            entry("DebugIdentityV3", "writes debug dumps"),
            entry("DebugNanCount", "writes debug dumps"),
            entry("DebugNumericSummary", "writes debug dumps"),
            entry("DebugNumericSummaryV2", "writes debug dumps"),
            entry("PyFunc", "runs Python code"),
            entry("PyFuncStateless", "runs Python code"),
            entry("EagerPyFunc", "runs Python code"),
            entry("Rpc", "calls another process"),
            entry("TryRpc", "calls another process"),
            entry("RpcClient", "calls another process"),
            entry("RpcCall", "calls another process"),
            entry("RpcServer", "serves other processes"));

    /** Denied when an attr names a file: PrintV2 to {@code file://...}, proto ops with a descriptor file. */
    private static final Map<String, String> DENIED_WITH_FILE_ATTR = Map.of(
            "PrintV2", "output_stream",
            "DecodeProtoV2", "descriptor_source",
            "DecodeProto", "descriptor_source",
            "EncodeProto", "descriptor_source");

    /** The saver's own checkpoint ops, allowed on its restore and save paths. */
    private static final Set<String> SAVER_OPS =
            Set.of("Restore", "RestoreV2", "RestoreSlice", "Save", "SaveV2", "SaveSlices", "MergeV2Checkpoints");

    /** Init ops TensorFlow's loader runs: the TF2 init signature and the TF1 collections. */
    private static final String INIT_SIGNATURE = "__saved_model_init_op";

    private static final List<String> INIT_COLLECTIONS =
            List.of("saved_model_main_op", "legacy_init_op", "table_initializer", "init_op");

    private final Path dir;
    private final Set<String> allowed;
    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final Map<String, FunctionDef> functions = new HashMap<>();
    private final Set<String> visited = new HashSet<>();

    private SavedModelOps(Path dir, MetaGraphDef meta, Set<String> allowed) {
        this.dir = dir;
        this.allowed = allowed;
        meta.getGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
        meta.getGraphDef()
                .getLibrary()
                .getFunctionList()
                .forEach(f -> functions.put(f.getSignature().getName(), f));
    }

    /**
     * Checks what loading and serving {@code signature} would run.
     *
     * @param allowed op types the user allowed with {@code allowOps}
     * @throws ModelLoadException naming the op, the node, the function and the opt-in
     */
    static void check(Path dir, MetaGraphDef meta, String signature, Set<String> allowed) {
        SavedModelOps ops = new SavedModelOps(dir, meta, allowed);
        String restore = meta.getSaverDef().getRestoreOpName();
        String save = meta.getSaverDef().getSaveTensorName();
        if (!restore.isEmpty()) {
            ops.walk(List.of(restore), "the variable restore op", true);
        }
        if (!save.isEmpty()) {
            ops.walk(List.of(save), "the variable save op", true);
        }
        SignatureDef init = meta.getSignatureDefMap().get(INIT_SIGNATURE);
        if (init != null) {
            ops.walk(tensors(init), "the init op", false);
        }
        for (String c : INIT_COLLECTIONS) {
            CollectionDef def = meta.getCollectionDefMap().get(c);
            if (def != null && def.hasNodeList()) {
                ops.walk(def.getNodeList().getValueList(), "the init op (collection " + c + ")", false);
            }
        }
        SignatureDef serving = meta.getSignatureDefMap().get(signature);
        if (serving != null) {
            ops.walk(tensors(serving), "the serving signature '" + signature + "'", false);
        }
    }

    private static List<String> tensors(SignatureDef sig) {
        List<String> names = new java.util.ArrayList<>();
        sig.getInputsMap().values().stream().map(TensorInfo::getName).forEach(names::add);
        sig.getOutputsMap().values().stream().map(TensorInfo::getName).forEach(names::add);
        return names;
    }

    /** Every top-level node {@code roots} depend on, and the functions they reach. */
    private void walk(List<String> roots, String path, boolean saver) {
        Deque<String> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add(VariablesCheck.nodeName(r)));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef n = nodes.get(name);
            if (n == null || !visited.add((saver ? "S " : "N ") + name)) {
                continue;
            }
            visit(n, null, path, saver);
            n.getInputList().forEach(i -> todo.add(VariablesCheck.nodeName(i)));
        }
    }

    /** Checks one node, then every function it names (attrs, or its op type being a function). */
    private void visit(NodeDef n, String function, String path, boolean saver) {
        String why = DENIED.get(n.getOp());
        String fileAttr = DENIED_WITH_FILE_ATTR.get(n.getOp());
        if (fileAttr != null && namesFile(n, fileAttr)) {
            why = "uses the file its attr '" + fileAttr + "' names";
        }
        if (why != null && !(saver && SAVER_OPS.contains(n.getOp())) && !allowed.contains(n.getOp())) {
            throw new ModelLoadException("SavedModel directory " + dir.toAbsolutePath() + ": saved_model.pb runs op "
                    + n.getOp() + " (node '" + n.getName() + "'"
                    + (function == null ? "" : " in function '" + function + "'") + ") in " + path + ", which " + why
                    + ". DeepJUnit refuses file-system and "
                    + "process ops in a SavedModel, which TensorFlow would run while loading or predicting. If you "
                    + "trust this model, allow it: TensorFlowModel.builder(dir).allowOps(\"" + n.getOp()
                    + "\"), or .trustAllOps()");
        }
        if (functions.containsKey(n.getOp())) {
            function(n.getOp(), path, saver);
        }
        for (AttrValue a : n.getAttrMap().values()) {
            if (a.hasFunc()) {
                function(a.getFunc().getName(), path, saver);
            }
            if (a.hasList()) {
                a.getList().getFuncList().forEach(f -> function(f.getName(), path, saver));
            }
        }
    }

    /** Every node of a function runs when it is called (stateful ops by automatic control dependencies). */
    private void function(String name, String path, boolean saver) {
        FunctionDef f = functions.get(name);
        if (f == null || !visited.add((saver ? "S fn " : "N fn ") + name)) {
            return;
        }
        for (NodeDef n : f.getNodeDefList()) {
            visit(n, name, path, saver);
        }
    }

    private static boolean namesFile(NodeDef n, String attr) {
        AttrValue v = n.getAttrMap().get(attr);
        if (v == null) {
            return false;
        }
        String s = v.getS().toStringUtf8();
        return attr.equals("output_stream")
                ? s.startsWith("file://")
                : !s.isEmpty() && !s.equals("local://") && !s.startsWith("bytes://");
    }
}
