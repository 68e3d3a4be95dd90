package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel is a program: file-system ops on its serving path or in its init op are refused before TensorFlow
 * runs anything, naming the op, where it is and the opt-in; the opt-in loads it.
 */
class UntrustedSavedModelTest {

    @TempDir
    Path tmp;

    @Test
    void aReadFileInsideTheServingFunctionIsRefusedUnlessAllowed() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for models");
        Path dir = readFileModel(tmp.resolve("reads"), secret);
        assertThatThrownBy(() -> TensorFlowModel.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("runs op ReadFile (node 'leak/ReadFile' in function 'reads_secret")
                .hasMessageContaining("in the serving signature 'serving_default', which reads a file")
                .hasMessageContaining(".allowOps(\"ReadFile\"), or .trustAllOps()");
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4);
        try (TensorFlowModel allowed =
                        TensorFlowModel.builder(dir).allowOps("ReadFile").build();
                TensorFlowModel trusted =
                        TensorFlowModel.builder(dir).trustAllOps().build()) {
            assertThat(allowed.predict(x).toFloatArray()).containsExactly(2, 4, 6, 8);
            assertThat(trusted.predict(x).toFloatArray()).containsExactly(2, 4, 6, 8);
        }
    }

    @Test
    void aWriteFileInTheInitOpIsRefusedBeforeItRuns() throws IOException {
        Path dir = copyDense(tmp.resolve("writes"));
        Path target = tmp.resolve("written-by-the-model.txt");
        addWriteFileInitOp(dir, target);
        assertThatThrownBy(() -> TensorFlowModel.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("runs op WriteFile (node 'init/WriteFile') in the init op, which writes a file")
                .hasMessageContaining(".allowOps(\"WriteFile\")");
        assertThat(target).doesNotExist();
        // the threat is real: allowed, TensorFlow runs the init op while loading
        try (TensorFlowModel m =
                TensorFlowModel.builder(dir).allowOps("WriteFile").build()) {
            assertThat(m.predict(KerasFixtureModels.randomInputs()).shape().dims())
                    .containsExactly(2, 10);
        }
        assertThat(target).hasContent("pwned");
    }

    @Test
    void theSaversOwnRestoreIsAllowedButASaveV2OnTheServingPathIsNot() throws IOException {
        try (TensorFlowModel m = TensorFlowModel.load(KerasFixtureModels.fixture("cnn"))) {
            assertThat(m.layers()).isNotEmpty(); // RestoreV2/SaveV2 of save/restore_all and save/control_dependency
        }
        Path dir = copyDense(tmp.resolve("saves"));
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
        MetaGraphDef meta = sm.getMetaGraphs(0);
        SignatureDef serving = meta.getSignatureDefOrThrow("serving_default");
        // the serving output now also depends, by a control input, on the saver's SaveV2
        String out = serving.getOutputsMap().values().iterator().next().getName();
        MetaGraphDef.Builder b = meta.toBuilder();
        var graph = b.getGraphDefBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (graph.getNode(i).getName().equals(VariablesCheck.nodeName(out))) {
                graph.setNode(i, graph.getNode(i).toBuilder().addInput("^save/SaveV2"));
            }
        }
        Files.write(
                dir.resolve("saved_model.pb"),
                sm.toBuilder().setMetaGraphs(0, b).build().toByteArray());
        assertThatThrownBy(() -> TensorFlowModel.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("runs op SaveV2 (node 'save/SaveV2') in the serving signature")
                .hasMessageContaining("writes a checkpoint file");
    }

    /** y = 2x + 0 · length(ReadFile(secret)), the ReadFile inside the function the signature calls. */
    private static Path readFileModel(Path dir, Path secret) {
        try (Graph inner = new Graph()) {
            Ops ti = Ops.create(inner);
            Operand<TFloat32> xi = ti.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
            Ops leak = ti.withSubScope("leak");
            var contents = leak.withName("ReadFile").io.readFile(leak.constant(secret.toString()));
            Operand<TFloat32> length = leak.dtypes.cast(leak.strings.stringLength(contents.contents()), TFloat32.class);
            Operand<TFloat32> y = ti.math.add(ti.math.mul(xi, ti.constant(2f)), ti.math.mul(length, ti.constant(0f)));
            Signature fsig = Signature.builder()
                    .key("reads_secret")
                    .input("x", xi)
                    .output("y", y)
                    .build();
            try (ConcreteFunction fn = ConcreteFunction.create(fsig, inner);
                    Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
                @SuppressWarnings("unchecked")
                Operand<TFloat32> called = (Operand<TFloat32>) fn.call(tf, x);
                Operand<TFloat32> out = tf.withName("y").identity(called);
                Signature sig = Signature.builder()
                        .key("serving_default")
                        .input("x", x)
                        .output("y", out)
                        .build();
                try (Session session = new Session(g)) {
                    SavedModelDirs.export(dir, session, sig);
                }
            }
        }
        return dir;
    }

    /** Adds an init op, as TF2 writes it (signature {@code __saved_model_init_op}), that writes {@code target}. */
    private static void addWriteFileInitOp(Path dir, Path target) throws IOException {
        Path pb = dir.resolve("saved_model.pb");
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        MetaGraphDef.Builder meta = sm.getMetaGraphs(0).toBuilder();
        meta.getGraphDefBuilder()
                .addNode(stringConst("init/filename", target.toString()))
                .addNode(stringConst("init/contents", "pwned"))
                .addNode(NodeDef.newBuilder()
                        .setName("init/WriteFile")
                        .setOp("WriteFile")
                        .addInput("init/filename")
                        .addInput("init/contents"));
        meta.putSignatureDef(
                "__saved_model_init_op",
                SignatureDef.newBuilder()
                        .putOutputs(
                                "__saved_model_init_op",
                                TensorInfo.newBuilder()
                                        .setName("init/WriteFile")
                                        .build())
                        .build());
        Files.write(pb, sm.toBuilder().setMetaGraphs(0, meta).build().toByteArray());
    }

    private static NodeDef stringConst(String name, String value) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp("Const")
                .putAttr(
                        "dtype",
                        AttrValue.newBuilder()
                                .setType(org.tensorflow.proto.DataType.DT_STRING)
                                .build())
                .putAttr(
                        "value",
                        AttrValue.newBuilder()
                                .setTensor(TensorProto.newBuilder()
                                        .setDtype(org.tensorflow.proto.DataType.DT_STRING)
                                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                                        .addStringVal(ByteString.copyFrom(value, StandardCharsets.UTF_8)))
                                .build())
                .build();
    }

    private static Path copyDense(Path to) {
        return SavedModelDirs.copyFixture("dense", to);
    }
}
