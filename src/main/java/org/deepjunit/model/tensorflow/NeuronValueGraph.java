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
 * and maximum over the whole layer output {@code [batch]}. Fetched in the same session run as the model's output,
 * so only {@code batch × neurons} numbers are copied out.
 *
 * @param layers the layer names, in order
 * @param means  per layer, {@code [batch, units]}
 * @param mins   per layer, {@code [batch]}
 * @param maxs   per layer, {@code [batch]}
 */
record NeuronValueGraph(List<String> layers, List<Output<?>> means, List<Output<?>> mins, List<Output<?>> maxs) {

    /** Adds the ops under the name scope {@code scope}; the caller serialises graph mutation. Layers have rank &ge; 2. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static NeuronValueGraph build(Graph graph, String scope, List<String> names, List<Output<?>> outputs) {
        Ops tf = Ops.create(graph).withSubScope(scope);
        List<Output<?>> means = new ArrayList<>();
        List<Output<?>> mins = new ArrayList<>();
        List<Output<?>> maxs = new ArrayList<>();
        for (Output<?> o : outputs) {
            Operand<TNumber> out = (Operand) o;
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
                means.add(tf.math.mean(out, tf.constant(spatial)).asOutput());
            } else {
                means.add(tf.identity(out).asOutput()); // a distinct name: TF Java refuses to fetch one tensor twice
            }
            mins.add(tf.min(out, tf.constant(all)).asOutput());
            maxs.add(tf.max(out, tf.constant(all)).asOutput());
        }
        return new NeuronValueGraph(List.copyOf(names), means, mins, maxs);
    }
}
