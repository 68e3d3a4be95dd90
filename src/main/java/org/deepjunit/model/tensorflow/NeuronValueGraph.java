package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Ops added to a model's graph once per set of layers, computing what coverage needs inside TensorFlow: per layer
 * the channel means {@code [batch, units]} (mean over every axis but the first and last) and each input's minimum
 * and maximum over the whole layer output, all packed into one tensor
 * {@code [batch, Σ (units + 2)]} (per layer: units means, then min, then max). Fetched in the same session run as
 * the model's output: one extra fetch, only {@code batch × neurons} numbers copied out.
 *
 * @param layers the layer names, in order
 * @param units  per layer, its number of units
 * @param packed the packed values
 */
record NeuronValueGraph(List<String> layers, int[] units, Output<?> packed) {

    /** Adds the ops under the name scope {@code scope}; the caller serialises graph mutation. Layers have rank &ge; 2. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static NeuronValueGraph build(Graph graph, String scope, List<String> names, List<Output<?>> outputs, int[] units) {
        Ops tf = Ops.create(graph).withSubScope(scope);
        List<Operand<TNumber>> parts = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Operand<TNumber> out = (Operand) outputs.get(i);
            int rank = out.shape().numDimensions();
            int[] all = new int[rank - 1];
            for (int a = 0; a < all.length; a++) {
                all[a] = a + 1;
            }
            if (rank > 2) {
                int[] spatial = new int[rank - 2];
                for (int a = 0; a < spatial.length; a++) {
                    spatial[a] = a + 1;
                }
                parts.add(tf.math.mean(out, tf.constant(spatial)));
            } else {
                parts.add(out);
            }
            parts.add(tf.expandDims(tf.min(out, tf.constant(all)), tf.constant(1)));
            parts.add(tf.expandDims(tf.max(out, tf.constant(all)), tf.constant(1)));
        }
        Output<?> packed = tf.concat((Iterable) parts, tf.constant(1)).asOutput();
        return new NeuronValueGraph(List.copyOf(names), units.clone(), packed);
    }
}
