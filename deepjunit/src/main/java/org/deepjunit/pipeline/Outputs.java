package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Stages after the model: scores to probabilities, classes, labels and decisions.
 *
 * <pre>{@code
 * TensorPipeline digits = TensorPipeline.builder("digits", Shape.of(28, 28, 1))
 *         .then(Tensors.scale(1 / 255.0))
 *         .model(lenet5)
 *         .then(Outputs.softmax())
 *         .build();
 * Pipeline<Tensor, List<List<Prediction>>> top3 =
 *         Pipeline.of(digits).then(Outputs.topK(3, Labels.read(Path.of("labels.txt"))));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Outputs {

    private Outputs() {}

    /** Softmax over the last axis, {@code exp(x − max) / Σ exp(x − max)}. Stage name "softmax". */
    public static TensorStage softmax() {
        return TensorStage.of("softmax", shape -> shape, scores -> {
            int classes = Elementwise.channels(scores.shape().withoutBatch());
            double[] x = scores.toDoubleArray();
            for (int base = 0; base < x.length; base += classes) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    max = Math.max(max, x[base + j]);
                }
                double sum = 0;
                for (int j = 0; j < classes; j++) {
                    x[base + j] = Math.exp(x[base + j] - max);
                    sum += x[base + j];
                }
                for (int j = 0; j < classes; j++) {
                    x[base + j] /= sum;
                }
            }
            return Elementwise.like(scores, x);
        });
    }

    /** The logistic function {@code 1 / (1 + exp(−x))} element by element. Stage name "sigmoid". */
    public static TensorStage sigmoid() {
        return TensorStage.of("sigmoid", shape -> shape, scores -> {
            double[] x = scores.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = 1 / (1 + Math.exp(-x[i]));
            }
            return Elementwise.like(scores, x);
        });
    }

    /** Each sample's class of largest score (the first on ties). Stage name "argmax". */
    public static Stage<Tensor, int[]> argMax() {
        return Stage.of("argmax", Tensor::argMax);
    }

    /** Each sample's {@code k} classes of largest score, largest first, named by their index. */
    public static Stage<Tensor, List<List<Prediction>>> topK(int k) {
        return topK(k, null);
    }

    /**
     * Each sample's {@code k} classes of largest score, largest first (ties: lower index first), named by
     * {@code labels}, which must name every class. Stage name "top-k" with k's value, e.g. "top-3".
     */
    public static Stage<Tensor, List<List<Prediction>>> topK(int k, Labels labels) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k needs k >= 1, was " + k);
        }
        String name = "top-" + k;
        return Stage.of(name, scores -> {
            int classes = classes(name, scores);
            if (labels != null && labels.size() != classes) {
                throw new StageException(
                        name,
                        "the " + labels.source() + " names " + labels.size() + " classes, but the scores "
                                + scores.shape() + " have " + classes + "; give one label per output");
            }
            double[] x = scores.toDoubleArray();
            List<List<Prediction>> all = new ArrayList<>();
            for (int base = 0; base < x.length; base += classes) {
                List<Prediction> sample = new ArrayList<>();
                for (int j = 0; j < classes; j++) {
                    sample.add(new Prediction(j, labels == null ? Integer.toString(j) : labels.get(j), x[base + j]));
                }
                sample.sort(
                        Comparator.comparingDouble(Prediction::score).reversed().thenComparingInt(Prediction::index));
                all.add(List.copyOf(sample.subList(0, Math.min(k, classes))));
            }
            return all;
        });
    }

    /**
     * Whether each sample's one score is above {@code threshold} (a binary classifier's decision). Stage name
     * "threshold".
     */
    public static Stage<Tensor, boolean[]> threshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, was " + threshold);
        }
        return Stage.of("threshold", scores -> {
            Shape sample = scores.shape().withoutBatch();
            if (sample.rank() > 1 || sample.size() != 1) {
                throw new StageException(
                        "threshold", "expects one score per sample ([batch] or [batch, 1]); got " + scores.shape());
            }
            boolean[] above = new boolean[scores.batchSize()];
            for (int i = 0; i < above.length; i++) {
                above[i] = scores.getDouble(i) > threshold;
            }
            return above;
        });
    }

    private static int classes(String stage, Tensor scores) {
        Shape sample = scores.shape().withoutBatch();
        if (sample.rank() != 1) {
            throw new StageException(stage, "expects scores [batch, classes]; got " + scores.shape());
        }
        return sample.dim(0);
    }
}
