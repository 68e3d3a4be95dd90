package org.deepjunit.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Predictions;

/**
 * The groups of samples that sensitive attributes make: each attribute (a {@link Slicing} whose slices partition the
 * samples) gives every sample one value, and several attributes give the intersection, named
 * {@code "sex=F & age=<30"}. Combinations no sample has are no group.
 *
 * @param grouping what the groups are by, e.g. {@code "sex & age"}: the names before {@code '='} of each attribute's
 *     slices
 * @param members the sample indices of each group, in name order
 */
record Groups(String grouping, SortedMap<String, int[]> members) {

    static Groups of(Predictions predictions, List<Slicing> attributes) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("Fairness needs at least one sensitive attribute, e.g."
                    + " Slicing.byColumn(\"data/people.csv\", \"sex\")");
        }
        int n = predictions.size();
        String[] names = new String[n];
        List<String> labels = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            Map<String, int[]> slices = attributes.get(a).slices(predictions);
            String label = label(slices, a + 1);
            String[] value = valueOfEachSample(label, slices, n);
            for (int i = 0; i < n; i++) {
                names[i] = a == 0 ? value[i] : names[i] + " & " + value[i];
            }
            labels.add(label);
        }
        SortedMap<String, List<Integer>> byName = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byName.computeIfAbsent(names[i], k -> new ArrayList<>()).add(i);
        }
        SortedMap<String, int[]> members = new TreeMap<>();
        byName.forEach((name, indices) ->
                members.put(name, indices.stream().mapToInt(Integer::intValue).toArray()));
        return new Groups(String.join(" & ", labels), members);
    }

    /** Each sample's slice name; every sample must be in exactly one non-empty slice, and there must be two. */
    private static String[] valueOfEachSample(String attribute, Map<String, int[]> slices, int n) {
        if (slices.size() < 2) {
            throw new IllegalArgumentException("The sensitive attribute " + attribute + " has one group only, "
                    + slices.keySet() + ": fairness compares groups, so give an attribute with at least two values");
        }
        String[] value = new String[n];
        slices.forEach((name, indices) -> {
            if (indices.length == 0) {
                throw new IllegalArgumentException("Group " + name + " of the sensitive attribute " + attribute
                        + " has no samples: an empty group has no rates to compare; drop it");
            }
            for (int i : indices) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("The sensitive attribute " + attribute + " puts sample " + i
                            + " in group " + name + ", but the evaluation has " + n + " samples (0 to " + (n - 1)
                            + "): give one value per sample of the evaluated data");
                }
                if (value[i] != null) {
                    throw new IllegalArgumentException("Sample " + i + " is in two groups of the sensitive attribute "
                            + attribute + ", " + value[i] + " and " + name + ": an attribute gives each sample one"
                            + " value");
                }
                value[i] = name;
            }
        });
        for (int i = 0; i < n; i++) {
            if (value[i] == null) {
                throw new IllegalArgumentException("Sample " + i + " has no value of the sensitive attribute "
                        + attribute + " (it is in none of " + slices.keySet() + "): give every sample a value,"
                        + " e.g. \"unknown\"");
            }
        }
        return value;
    }

    /** The attribute's name: its slices' common prefix before '=', else "attribute <position>". */
    private static String label(Map<String, int[]> slices, int position) {
        String common = null;
        for (String name : slices.keySet()) {
            int eq = name.indexOf('=');
            String prefix = eq > 0 ? name.substring(0, eq) : null;
            if (prefix == null || (common != null && !common.equals(prefix))) {
                return "attribute " + position;
            }
            common = prefix;
        }
        return common == null ? "attribute " + position : common;
    }
}
