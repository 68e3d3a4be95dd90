package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Which group each sample of a {@link FairnessReport} is in, with its true and predicted class: what a change gate
 * ({@link FairnessGates#against}) pairs two models' predictions on. A report of counts gathered elsewhere
 * ({@link Fairness#of(String, String, GroupCounts)}) has {@link #NONE}: counts cannot be paired.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class FairnessSamples {

    /** No samples known: the report was made from counts. */
    public static final FairnessSamples NONE = new FairnessSamples(List.of(), new int[0], new int[0], new int[0]);

    private final List<String> groups;
    private final int[] group;
    private final int[] labels;
    private final int[] predicted;

    FairnessSamples(List<String> groups, int[] group, int[] labels, int[] predicted) {
        this.groups = List.copyOf(groups);
        this.group = group.clone();
        this.labels = labels.clone();
        this.predicted = predicted.clone();
    }

    /** The number of samples; 0 for {@link #NONE}. */
    public int size() {
        return labels.length;
    }

    List<String> groups() {
        return groups;
    }

    /** The index in {@link #groups()} of sample {@code i}'s group. */
    int group(int i) {
        return group[i];
    }

    int label(int i) {
        return labels[i];
    }

    int predicted(int i) {
        return predicted[i];
    }

    /** The first sample whose group or true class differs from {@code other}'s, or -1 if none does. */
    int firstDifference(FairnessSamples other) {
        for (int i = 0; i < Math.min(size(), other.size()); i++) {
            if (labels[i] != other.labels[i] || !groups.get(group[i]).equals(other.groups.get(other.group[i]))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FairnessSamples s
                && groups.equals(s.groups)
                && Arrays.equals(group, s.group)
                && Arrays.equals(labels, s.labels)
                && Arrays.equals(predicted, s.predicted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(predicted) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "FairnessSamples[" + size() + " samples in " + groups + "]";
    }
}
