package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Predictions;

/**
 * A model's (or pipeline's) outputs on a labelled dataset, and the slices of that dataset to judge it on: what
 * metrics, gates, baselines and history are computed from. The scores are the model's outputs as they are:
 * probabilities for metrics that need them (log loss, ECE) come from a model, or a pipeline, ending in a softmax.
 *
 * <pre>{@code
 * Evaluation lenet5 = Evaluation.of(model, mnist).slicedBy(Slicing.byClass());
 * double accuracy = lenet5.value(Metrics.ACCURACY);
 * double f1OfSevens = lenet5.value(Metrics.MACRO_F1, "class=7");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class Evaluation {

    /** The slice of every sample. */
    public static final String ALL = "all";

    private static final int BATCH = 256;

    private final String model;
    private final String modelFingerprint;
    private final String datasetDigest;
    private final Predictions predictions;
    private final Map<String, int[]> slices;

    private Evaluation(
            String model,
            String modelFingerprint,
            String datasetDigest,
            Predictions predictions,
            Map<String, int[]> slices) {
        this.model = model;
        this.modelFingerprint = modelFingerprint;
        this.datasetDigest = datasetDigest;
        this.predictions = predictions;
        this.slices = Collections.unmodifiableMap(slices);
    }

    /** Runs {@code model} over every sample of {@code data} (in batches) and keeps its outputs with the labels. */
    public static Evaluation of(Model model, Dataset data) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("Dataset " + data.name() + " has no labels: an evaluation needs them"
                    + " (give a label file, a label column, or image folders named after their classes)");
        }
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("Dataset " + data.name() + " is empty: nothing to evaluate");
        }
        int[] labels = new int[n];
        double[][] scores = new double[n][];
        for (int from = 0; from < n; from += BATCH) {
            int[] ids = new int[Math.min(BATCH, n - from)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = from + i;
                labels[from + i] = data.label(from + i).getAsInt();
            }
            Tensor out = model.predict(data.batch(ids));
            if (out.shape().rank() != 2) {
                throw new IllegalArgumentException("Model " + model.name() + " gives outputs of shape " + out.shape()
                        + "; an evaluation needs one score per class, [batch, classes]");
            }
            int k = out.shape().dim(1);
            double[] flat = out.toDoubleArray();
            for (int i = 0; i < ids.length; i++) {
                double[] row = new double[k];
                System.arraycopy(flat, i * k, row, 0, k);
                scores[from + i] = row;
            }
        }
        Predictions predictions = new Predictions(labels, scores);
        Map<String, int[]> slices = new LinkedHashMap<>();
        slices.put(ALL, all(n));
        return new Evaluation(
                model.name(), model.fingerprint(), digest(data.contentHash(), labels), predictions, slices);
    }

    /** An evaluation of outputs computed elsewhere (another framework, a service), under a name and fingerprint. */
    public static Evaluation of(String model, String modelFingerprint, String datasetDigest, Predictions predictions) {
        Map<String, int[]> slices = new LinkedHashMap<>();
        slices.put(ALL, all(predictions.size()));
        return new Evaluation(
                Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(modelFingerprint, "modelFingerprint"),
                Objects.requireNonNull(datasetDigest, "datasetDigest"),
                predictions,
                slices);
    }

    /**
     * The same model on this evaluation's samples changed by {@code condition} (an attack, a corruption), with its
     * outputs there: named {@code "<model> under <condition>"}, so that its baseline and history are its own, with a
     * dataset digest covering the condition, and with this evaluation's slices (they index the same samples).
     */
    public Evaluation under(String condition, Predictions predictions) {
        Objects.requireNonNull(condition, "condition");
        if (!java.util.Arrays.equals(predictions.labels(), this.predictions.labels())) {
            throw new IllegalArgumentException("The outputs under " + condition + " are for other samples than the"
                    + " evaluation of " + model + ": their labels differ");
        }
        return new Evaluation(
                model + " under " + condition,
                modelFingerprint,
                digest(datasetDigest + " under " + condition, predictions.labels()),
                predictions,
                new LinkedHashMap<>(slices));
    }

    /** This evaluation with the slices {@code slicing} makes added; a slice name already there is an error. */
    public Evaluation slicedBy(Slicing slicing) {
        Map<String, int[]> more = new LinkedHashMap<>(slices);
        slicing.slices(predictions).forEach((name, indices) -> {
            if (more.containsKey(name)) {
                throw new IllegalArgumentException("Slice '" + name + "' is defined twice; name slices uniquely");
            }
            for (int i : indices) {
                Objects.checkIndex(i, predictions.size());
            }
            more.put(name, indices.clone());
        });
        return new Evaluation(model, modelFingerprint, datasetDigest, predictions, more);
    }

    /** {@code metric} on every sample. */
    public double value(Metric metric) {
        return metric.compute(predictions);
    }

    /** {@code metric} on the samples of {@code slice}; an empty slice is an error, since no value describes it. */
    public double value(Metric metric, String slice) {
        int[] indices = indices(slice);
        if (indices.length == 0) {
            throw new IllegalArgumentException("Slice '" + slice + "' of " + model + " is empty: " + metric.name()
                    + " has no value on no samples");
        }
        return metric.compute(slice.equals(ALL) ? predictions : predictions.subset(indices));
    }

    /** The sample indices of {@code slice}. */
    public int[] indices(String slice) {
        int[] indices = slices.get(slice);
        if (indices == null) {
            throw new IllegalArgumentException(
                    "No slice '" + slice + "' in the evaluation of " + model + "; its slices are " + slices.keySet());
        }
        return indices.clone();
    }

    /** The slices by name, {@value #ALL} first. */
    public java.util.Set<String> slices() {
        return slices.keySet();
    }

    public String model() {
        return model;
    }

    public String modelFingerprint() {
        return modelFingerprint;
    }

    /** SHA-256 of the samples and their labels: two evaluations on equal digests saw the same data. */
    public String datasetDigest() {
        return datasetDigest;
    }

    public Predictions predictions() {
        return predictions;
    }

    public int size() {
        return predictions.size();
    }

    private static int[] all(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    static String digest(String samples, int[] labels) {
        MessageDigest sha = org.deepjunit.model.Sha256.digest();
        sha.update(samples.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer bytes = ByteBuffer.allocate(4 * labels.length);
        bytes.asIntBuffer().put(labels);
        sha.update(bytes);
        return org.deepjunit.model.Sha256.hex(sha);
    }

    @Override
    public String toString() {
        return "Evaluation of " + model + " on " + size() + " samples, slices " + slices.keySet();
    }
}
