package org.deepjunit.model.tensorflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Ops added to a model's graph once per set of layers, computing what coverage needs inside TensorFlow, to be fetched
 * in the same session run as the model's output so that only {@code batch × neurons} numbers are copied out:
 * <ul>
 *   <li>per layer its channel means {@code [batch, units]} (mean over every axis but the first and last; the layer
 *   output itself for a rank-2 layer). Narrow layers' means are packed into one tensor {@code [batch, Σ units]};
 *   a wide layer's ({@value #WIDE} units or more) are fetched on their own, which saves copying them into the pack;
 *   <li>{@code extremes} {@code [batch, 2 × layers + sums]}: per layer each input's minimum and maximum over the
 *   whole layer output, then the row sums of each wide layer's means and of the pack. A sum is finite exactly when
 *   every mean in it is (or overflowed, which only costs a full check), so the caller checks a few numbers per
 *   input instead of every mean.
 * </ul>
 *
 * @param layers   the layer names, in order
 * @param units    per layer, its number of units
 * @param means    per layer, the tensor its means are fetched from: {@code packed} or its own
 * @param offsets  per layer, its first column in {@code means}
 * @param packed   the narrow layers' means, or null when every layer is wide
 * @param extremes per-layer minima, maxima and sums of means
 */
record NeuronValueGraph(
        List<String> layers, int[] units, List<Output<?>> means, int[] offsets, Output<?> packed, Output<?> extremes) {

    static final int WIDE = 1024;

    /** Adds the ops under the name scope {@code scope}; the caller serialises graph mutation. Layers have rank &ge; 2. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static NeuronValueGraph build(Graph graph, String scope, List<String> names, List<Output<?>> outputs, int[] units) {
        // few ops: TensorFlow's per-op scheduling, not the arithmetic, is most of the cost on a small model
        Ops tf = Ops.create(graph).withSubScope(scope);
        Map<Integer, Operand<TInt32>> allAxes = new HashMap<>();
        Map<Integer, Operand<TInt32>> spatialAxes = new HashMap<>();
        Operand<TInt32> one = tf.constant(1);
        List<Operand<TNumber>> narrow = new ArrayList<>();
        List<Operand<TNumber>> columns = new ArrayList<>();
        List<Operand<TNumber>> sums = new ArrayList<>();
        List<Output<?>> sources = new ArrayList<>();
        int[] offsets = new int[outputs.size()];
        int packedWidth = 0;
        for (int i = 0; i < outputs.size(); i++) {
            Operand<TNumber> out = (Operand) outputs.get(i);
            int rank = out.shape().numDimensions();
            Operand<TInt32> all = allAxes.computeIfAbsent(rank, r -> tf.constant(range(1, r)));
            Operand<TNumber> mean = rank > 2
                    ? tf.math.mean(out, spatialAxes.computeIfAbsent(rank, r -> tf.constant(range(1, r - 1))))
                    : out;
            if (units[i] < WIDE) {
                offsets[i] = packedWidth;
                packedWidth += units[i];
                narrow.add(mean);
                sources.add(null);
            } else {
                sources.add(mean.asOutput());
                sums.add(tf.sum(mean, one));
            }
            columns.add(tf.min(out, all));
            columns.add(tf.max(out, all));
        }
        Output<?> packed = null;
        if (!narrow.isEmpty()) {
            packed = narrow.size() == 1
                    ? narrow.get(0).asOutput()
                    : tf.concat((Iterable) narrow, one).asOutput();
            sums.add(tf.sum((Operand) packed, one));
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                sources.set(i, packed);
            }
        }
        columns.addAll(sums);
        Output<?> extremes = tf.stack((Iterable) columns, Stack.axis(1L)).asOutput();
        return new NeuronValueGraph(List.copyOf(names), units.clone(), sources, offsets, packed, extremes);
    }

    /** Columns of {@code extremes}: a minimum and a maximum per layer, then the sums. */
    int extremesWidth() {
        int wide = 0;
        for (int u : units) {
            if (u >= WIDE) {
                wide++;
            }
        }
        return 2 * layers.size() + wide + (packed != null ? 1 : 0);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int a = from; a < to; a++) {
            r[a - from] = a;
        }
        return r;
    }
}
