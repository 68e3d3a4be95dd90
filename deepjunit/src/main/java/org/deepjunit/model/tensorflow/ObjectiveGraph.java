package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.deepjunit.model.DataType;
import org.deepjunit.model.ModelException;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * Ops added to a model's graph for one set of objective layers: per layer (logits first) a
 * placeholder weight matrix {@code [batch, units]}, the scalar
 * {@code Σ_l sum(W_l ∘ mean_spatial(layer_l))} and its gradient with respect to the input.
 *
 * @param layers   layer names in feed order, {@code null} standing for the logits
 * @param weights  the weight placeholders, one per entry of {@code layers}
 * @param gradient d objective / d input
 */
record ObjectiveGraph(List<String> layers, List<Output<?>> weights, Output<?> gradient) {

    /**
     * Op types on whose path TF Java's {@code addGradients} has no gradient function (control flow of
     * recurrent layers, legacy fused ops) or fails at run time (calls into function-library functions).
     */
    static final Set<String> NOT_DIFFERENTIABLE = Set.of(
            "While",
            "StatelessWhile",
            "If",
            "StatelessIf",
            "Case",
            "StatelessCase",
            "IdentityN",
            "FusedBatchNorm",
            "Conv3D",
            "LSTMBlockCell",
            "BlockLSTM",
            "BlockLSTMV2",
            "GRUBlockCell",
            "CudnnRNN",
            "CudnnRNNV3",
            "StatefulPartitionedCall",
            "TensorListReserve",
            "TensorListSetItem",
            "TensorListGetItem",
            "Enter",
            "Exit",
            "NextIteration");

    /**
     * Throws a {@link ModelException} naming the first op (in name order) between {@code input} and
     * {@code out} that TF Java cannot differentiate, before anything is added to the graph.
     */
    static void checkDifferentiable(Output<?> input, Output<?> out, String layer, String modelName) {
        Set<GraphOperation> path = GraphLayers.pathOps(input, out);
        java.util.Optional<GraphOperation> bad = path.stream()
                .filter(op -> NOT_DIFFERENTIABLE.contains(op.type()))
                .min(java.util.Comparator.comparing(GraphOperation::name));
        if (bad.isPresent()) {
            GraphOperation op = bad.get();
            throw new ModelException("Model '" + modelName + "' cannot give input gradients of "
                    + (layer == null ? "its logits" : "layer '" + layer + "'") + ": op '" + op.name() + "' ("
                    + op.type() + ") on the path from the input has no gradient in TensorFlow Java (no gradients "
                    + "for While/If control flow of recurrent layers, IdentityN, FusedBatchNorm v1, Conv3D, "
                    + "LSTMBlockCell). Activations, predictions and coverage still work");
        }
    }

    /** Adds the ops under the name scope {@code scope}; the caller serialises graph mutation. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ObjectiveGraph build(
            Graph graph,
            String scope,
            Output<?> input,
            List<String> names,
            List<Output<?>> outputs,
            DataType type,
            String modelName) {
        for (int i = 0; i < outputs.size(); i++) {
            checkDifferentiable(input, outputs.get(i), names.get(i), modelName);
        }
        Ops tf = Ops.create(graph).withSubScope(scope);
        Class<? extends TNumber> cls = type == DataType.FLOAT32 ? TFloat32.class : TFloat64.class;
        Operand<TNumber> total = null;
        List<Output<?>> weights = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Operand<TNumber> out = (Operand) outputs.get(i);
            int rank = out.shape().numDimensions();
            String what = names.get(i) == null ? "the logits" : "layer '" + names.get(i) + "'";
            if (rank < 2) {
                throw new ModelException("Cannot build an objective over " + what + " of model '" + modelName
                        + "': its output has rank " + rank + ", expected [batch, ..., units]");
            }
            Operand<TNumber> values = out;
            if (rank > 2) {
                int[] spatial = new int[rank - 2];
                for (int a = 0; a < spatial.length; a++) {
                    spatial[a] = a + 1;
                }
                values = tf.math.mean(out, tf.constant(spatial));
            }
            Operand<TNumber> w = (Operand) tf.placeholder(
                    cls, Placeholder.shape(Shape.of(-1, out.shape().get(rank - 1))));
            weights.add(w.asOutput());
            Operand<TNumber> term = tf.sum(tf.math.mul(values, w), tf.constant(new int[] {0, 1}));
            total = total == null ? term : tf.math.add(total, term);
        }
        Output<?>[] grads;
        try {
            grads = graph.addGradients(total.asOutput(), new Output<?>[] {input});
        } catch (RuntimeException e) {
            throw new ModelException(
                    "TensorFlow cannot differentiate model '" + modelName + "' with respect to its "
                            + "input: " + e.getMessage()
                            + " (TF Java has no gradients for While/If, old FusedBatchNorm, "
                            + "Conv3D, LSTMBlockCell and calls into SavedModel functions)",
                    e);
        }
        if (grads == null || grads.length != 1 || grads[0] == null) {
            throw new ModelException("The objective of model '" + modelName + "' does not depend on its input");
        }
        return new ObjectiveGraph(Collections.unmodifiableList(new ArrayList<>(names)), List.copyOf(weights), grads[0]);
    }
}
