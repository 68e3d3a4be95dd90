package org.deepjunit.quality.metrics;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Counts of (true class, predicted class) pairs over {@code k} classes: rows are the true class, columns the
 * predicted one. Immutable and mergeable: {@link #merge} adds counts, so that shards of an evaluation (forks, CI
 * jobs) merge, in any order, to exactly the matrix of all their samples.
 *
 * <p>Per-class precision, recall and F1 define 0/0 as 0, like scikit-learn's {@code zero_division=0}: a class
 * never predicted has precision 0, a class that never occurs has recall 0. F1 is {@code 2·tp / (2·tp + fp + fn)}.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class ConfusionMatrix {

    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
        long sum = 0;
        for (long[] row : counts) {
            for (long count : row) {
                sum = Math.addExact(sum, count);
            }
        }
        this.total = sum;
    }

    /** The matrix of {@code labels} against {@code predicted}, both class indices in {@code [0, classes)}. */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix: needs at least 1 class, was " + classes);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("confusion matrix: no samples; give at least one");
        }
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("confusion matrix: labels has " + labels.length
                    + " samples, but predicted has " + predicted.length + "; give one prediction per sample");
        }
        Checks.classIndices("confusion matrix", "label", labels, classes);
        Checks.classIndices("confusion matrix", "prediction", predicted, classes);
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /** The matrix of the predictions' labels against their {@link Predictions#predicted() argmax classes}. */
    public static ConfusionMatrix of(Predictions predictions) {
        return of(predictions.labels(), predictions.predicted(), predictions.classes());
    }

    /** The matrix of no samples over {@code classes} classes: the identity of {@link #merge}. */
    public static ConfusionMatrix empty(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix: needs at least 1 class, was " + classes);
        }
        return new ConfusionMatrix(new long[classes][classes]);
    }

    /** A matrix from stored counts ({@code counts[true][predicted]}, square, non-negative), e.g. read back. */
    public static ConfusionMatrix ofCounts(long[][] counts) {
        int k = counts.length;
        if (k < 1) {
            throw new IllegalArgumentException("confusion matrix: needs at least 1 class, was 0");
        }
        long[][] copy = new long[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("confusion matrix: row " + t + " has " + counts[t].length
                        + " counts, but there are " + k + " rows; the counts must be square");
            }
            copy[t] = counts[t].clone();
            for (int p = 0; p < k; p++) {
                if (copy[t][p] < 0) {
                    throw new IllegalArgumentException("confusion matrix: count [" + t + "][" + p + "] is " + copy[t][p]
                            + "; counts must be non-negative");
                }
            }
        }
        return new ConfusionMatrix(copy);
    }

    /** The sum of both matrices' counts; commutative and associative. Both must have the same classes. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException("confusion matrix: cannot merge a " + classes() + "-class matrix"
                    + " with a " + other.classes() + "-class one; every shard must count the same classes");
        }
        long[][] sum = new long[classes()][classes()];
        for (int t = 0; t < sum.length; t++) {
            for (int p = 0; p < sum.length; p++) {
                sum[t][p] = Math.addExact(counts[t][p], other.counts[t][p]);
            }
        }
        return new ConfusionMatrix(sum);
    }

    /** The number of classes {@code k}. */
    public int classes() {
        return counts.length;
    }

    /** How many samples of class {@code trueClass} were predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        Checks.classIndex("confusion matrix", trueClass, classes());
        Checks.classIndex("confusion matrix", predictedClass, classes());
        return counts[trueClass][predictedClass];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[classes()][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** The number of samples. */
    public long total() {
        return total;
    }

    /** How many samples have true class {@code c} (the row sum). */
    public long support(int c) {
        Checks.classIndex("support", c, classes());
        long sum = 0;
        for (long count : counts[c]) {
            sum += count;
        }
        return sum;
    }

    /** How many samples were predicted as class {@code c} (the column sum). */
    public long predictedCount(int c) {
        Checks.classIndex("predicted count", c, classes());
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** The share of samples on the diagonal. */
    public double accuracy() {
        requireSamples("accuracy");
        long correct = 0;
        for (int c = 0; c < classes(); c++) {
            correct += counts[c][c];
        }
        return (double) correct / total;
    }

    /** {@code tp / (tp + fp)} of class {@code c}: of the samples predicted as {@code c}, the share that are; 0/0 is 0. */
    public double precision(int c) {
        Checks.classIndex("precision", c, classes());
        return ratio(counts[c][c], predictedCount(c));
    }

    /** {@code tp / (tp + fn)} of class {@code c}: of the samples of class {@code c}, the share found; 0/0 is 0. */
    public double recall(int c) {
        Checks.classIndex("recall", c, classes());
        return ratio(counts[c][c], support(c));
    }

    /** {@code 2·tp / (2·tp + fp + fn)} of class {@code c}, the harmonic mean of precision and recall; 0/0 is 0. */
    public double f1(int c) {
        Checks.classIndex("F1", c, classes());
        long tp = counts[c][c];
        long fp = predictedCount(c) - tp;
        long fn = support(c) - tp;
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * The unweighted mean of {@link #f1} over the classes that occur as a true or a predicted class; a class absent
     * from both carries no evidence and is left out, as scikit-learn does when it is not given the labels.
     */
    public double macroF1() {
        requireSamples("macro F1");
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes(); c++) {
            if (support(c) > 0 || predictedCount(c) > 0) {
                sum += f1(c);
                present++;
            }
        }
        return sum / present;
    }

    /** The mean of {@link #f1} weighted by each class's {@link #support}. */
    public double weightedF1() {
        requireSamples("weighted F1");
        double sum = 0;
        for (int c = 0; c < classes(); c++) {
            sum += support(c) * f1(c);
        }
        return sum / total;
    }

    private void requireSamples(String metric) {
        if (total == 0) {
            throw new IllegalStateException(
                    metric + " is undefined on an empty confusion matrix; merge in at least one shard with samples");
        }
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** Equal when both count the same pairs over the same classes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    /** The counts, one row per true class, e.g. {@code ConfusionMatrix[[5, 1], [0, 4]]}. */
    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(counts);
    }
}
