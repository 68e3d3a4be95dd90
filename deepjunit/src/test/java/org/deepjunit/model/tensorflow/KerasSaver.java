package org.deepjunit.model.tensorflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The {@code save/...} ops of a Keras-layout SavedModel, written by hand because {@code Graph.addVariableSaver}
 * ignores resource variables: {@code save/SaveV2} (reached by {@code save/control_dependency}) and
 * {@code save/RestoreV2} assigned by {@code save/restore_all}.
 *
 * @param restored the restore op's outputs, one per variable: feeding them initialises the variables
 * @param assigns  the ops assigning them, one per variable
 */
record KerasSaver(List<Output<?>> restored, List<Op> assigns) {

    /** Adds the saver of the float variables {@code handles}, stored under {@code keys}, to {@code tf}'s graph. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static KerasSaver add(Ops tf, List<String> keys, List<Operand<?>> handles) {
        Ops save = tf.withSubScope("save");
        Operand<TString> filename =
                save.withName("filename").placeholderWithDefault(save.constant("model"), Shape.scalar());
        String[] names = keys.toArray(String[]::new);
        String[] slices = new String[names.length];
        java.util.Arrays.fill(slices, "");
        List<Operand<?>> reads = new ArrayList<>();
        List<Class<? extends TType>> types = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            reads.add(save.withName("read_" + i).readVariableOp((Operand) handles.get(i), TFloat32.class));
            types.add(TFloat32.class);
        }
        // one pair of constants for both ops, as TensorFlow's own saver writes them
        Operand<TString> tensorNames = save.withName("tensor_names").constant(StandardCharsets.UTF_8, names);
        Operand<TString> shapeAndSlices = save.withName("shape_and_slices").constant(StandardCharsets.UTF_8, slices);
        var saveOp = save.withName("SaveV2").train.save(filename, tensorNames, shapeAndSlices, reads);
        save.withControlDependencies(List.of(saveOp))
                .withName("control_dependency")
                .identity(filename);
        var restore = save.withName("RestoreV2").train.restore(filename, tensorNames, shapeAndSlices, types);
        List<Op> assigns = new ArrayList<>();
        List<Output<?>> restored = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            Output<?> value = restore.tensors().get(i).asOutput();
            restored.add(value);
            assigns.add(save.withName("assign_" + i).assignVariableOp((Operand) handles.get(i), (Operand) value));
        }
        save.withControlDependencies(assigns).withName("restore_all").noOp();
        return new KerasSaver(restored, assigns);
    }
}
