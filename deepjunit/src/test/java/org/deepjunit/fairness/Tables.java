package org.deepjunit.fairness;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Predictions;

/** Small hand-made tables of labels, predictions and groups, and the evaluations they make. */
final class Tables {

    private Tables() {}

    /**
     * Twelve samples in two groups of six, binary (group A first, then B):
     *
     * <pre>
     * group A  labels 1 1 1 0 0 0  predicted 1 1 0 1 0 0   tp 2, fn 1, fp 1, tn 2
     * group B  labels 1 1 0 0 0 0  predicted 1 0 0 0 0 0   tp 1, fn 1, fp 0, tn 4
     * </pre>
     */
    static final int[] LABELS = {1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0};

    static final int[] PREDICTED = {1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0};

    static final List<String> GROUPS = List.of("A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "B");

    /** An evaluation of one-hot scores: the predicted class scores 1, the others 0. */
    static Evaluation evaluation(String model, int[] labels, int[] predicted, int classes) {
        double[][] scores = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            scores[i][predicted[i]] = 1;
        }
        return Evaluation.of(model, "fingerprint-" + model, "digest", new Predictions(labels, scores));
    }

    /** The 12-sample table, {@code times} times over (group sizes times 6). */
    static Evaluation table(int times) {
        return evaluation("table", repeat(LABELS, times), repeat(PREDICTED, times), 2);
    }

    /** The groups of {@link #table(int)}, as attribute {@code group}. */
    static Slicing groups(int times) {
        List<String> values = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            values.addAll(GROUPS);
        }
        return Slicing.byValues("group", values.stream().sorted().toList());
    }

    /** {@code a}'s values, each group of six repeated: block A of {@code a} times over, then block B. */
    static int[] repeat(int[] a, int times) {
        int[] out = new int[a.length * times];
        int half = a.length / 2;
        for (int t = 0; t < times; t++) {
            System.arraycopy(a, 0, out, t * half, half);
            System.arraycopy(a, half, out, half * times + t * half, half);
        }
        return out;
    }

    /** {@code count} copies of {@code value}. */
    static int[] fill(int count, int value) {
        int[] out = new int[count];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** The arrays one after another. */
    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToInt(java.util.Arrays::stream)
                .toArray();
    }
}
