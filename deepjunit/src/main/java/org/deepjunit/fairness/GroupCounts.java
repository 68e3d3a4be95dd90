package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.ConfusionMatrix;

/**
 * Each group's confusion matrix, the sufficient statistics of every fairness figure (DESIGN's scale-out rule):
 * immutable, and {@link #merge mergeable} in any order, so that shards of an evaluation (forks, CI jobs) add up to
 * exactly the counts of all their samples. Groups are kept in name order.
 *
 * <pre>{@code
 * GroupCounts all = shard1.counts().merge(shard2.counts());
 * double tprOfWomen = all.binary("sex=F", 1).truePositiveRate();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class GroupCounts {

    private final SortedMap<String, ConfusionMatrix> groups;

    private GroupCounts(SortedMap<String, ConfusionMatrix> groups) {
        this.groups = Collections.unmodifiableSortedMap(groups);
    }

    /** The counts of the given groups' matrices, which must count the same classes. */
    public static GroupCounts of(Map<String, ConfusionMatrix> matrices) {
        Objects.requireNonNull(matrices, "matrices");
        SortedMap<String, ConfusionMatrix> copy = new TreeMap<>();
        matrices.forEach((group, m) -> {
            Objects.requireNonNull(m, () -> "group " + group + " has no confusion matrix");
            if (!copy.isEmpty() && copy.values().iterator().next().classes() != m.classes()) {
                throw new IllegalArgumentException("group " + group + " counts " + m.classes() + " classes, but "
                        + copy.firstKey() + " counts "
                        + copy.values().iterator().next().classes()
                        + "; every group must count the same classes");
            }
            copy.put(group, m);
        });
        return new GroupCounts(copy);
    }

    /**
     * The sum of both counts: the groups of either, and for a group in both the sum of its matrices; commutative and
     * associative.
     */
    public GroupCounts merge(GroupCounts other) {
        SortedMap<String, ConfusionMatrix> sum = new TreeMap<>(groups);
        other.groups.forEach((group, m) -> sum.merge(group, m, ConfusionMatrix::merge));
        return of(sum);
    }

    /** The group names, in order. */
    public List<String> groups() {
        return List.copyOf(groups.keySet());
    }

    /** The confusion matrix of {@code group}. */
    public ConfusionMatrix matrix(String group) {
        ConfusionMatrix m = groups.get(group);
        if (m == null) {
            throw new IllegalArgumentException("No group '" + group + "'; the groups are " + groups.keySet());
        }
        return m;
    }

    /** The one-vs-rest counts of {@code group} for class {@code positive}. */
    public BinaryCounts binary(String group, int positive) {
        return BinaryCounts.of(matrix(group), positive);
    }

    /** The number of classes every matrix counts; 0 without groups. */
    public int classes() {
        return groups.isEmpty() ? 0 : groups.values().iterator().next().classes();
    }

    /** The counts as {@code [group][true][predicted]}, groups in order. */
    long[][][] tables() {
        return groups.values().stream().map(ConfusionMatrix::counts).toArray(long[][][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupCounts g && groups.equals(g.groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return "GroupCounts" + groups;
    }
}
