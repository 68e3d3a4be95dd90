package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apiguardian.api.API;
import org.deepjunit.quality.metrics.Predictions;

/**
 * How to cut an evaluation's samples into named slices, each judged on its own: per true class, per value of a data
 * column, or by a function of yours.
 *
 * <pre>{@code
 * evaluation.slicedBy(Slicing.byClass())                                // "class=0" … "class=9"
 *           .slicedBy(Slicing.by("city", i -> rows.get(i).city()));     // "city=paris", "city=tokyo", …
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.4")
@FunctionalInterface
public interface Slicing {

    /** The slices of {@code predictions}' samples: name → sample indices, in a stable order. */
    Map<String, int[]> slices(Predictions predictions);

    /** One slice per true class present, {@code "class=<c>"}, in class order. */
    static Slicing byClass() {
        return p -> {
            int[] labels = p.labels(); // a copy: take it once
            return group("class", i -> String.valueOf(labels[i]), p.size(), true);
        };
    }

    /**
     * One slice per value {@code key} gives a sample (by its index in the dataset), {@code "<name>=<value>"}; samples
     * whose key is {@code null} belong to no slice of it.
     */
    static Slicing by(String name, IntFunction<String> key) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        return p -> group(name, key, p.size(), false);
    }

    /**
     * One slice per value in {@code values}, the value of each sample in order, {@code "<name>=<value>"}; samples
     * whose value is {@code null} belong to no slice of it. A list of another length than the evaluation's samples
     * is an error.
     *
     * <pre>{@code
     * Slicing.byValues("sex", List.of("F", "M", "M", "F"))       // "sex=F" = {0, 3}, "sex=M" = {1, 2}
     * }</pre>
     */
    @API(status = EXPERIMENTAL, since = "0.5")
    static Slicing byValues(String name, List<String> values) {
        Objects.requireNonNull(name, "name");
        List<String> copy = new ArrayList<>(Objects.requireNonNull(values, "values"));
        return p -> {
            if (copy.size() != p.size()) {
                throw new IllegalArgumentException("The values of " + name + " are " + copy.size() + ", but the"
                        + " evaluation has " + p.size() + " samples: give one value per sample, in the samples' order");
            }
            return group(name, copy::get, p.size(), false);
        };
    }

    /**
     * One slice per value of the CSV column {@code column} (by its header name) of the file the samples came from,
     * row by row: {@code "<column>=<value>"}; a file with another number of rows than the evaluation's samples is
     * an error.
     */
    static Slicing byColumn(String csvLocation, String column) {
        return p -> {
            List<String> values = org.deepjunit.data.Datasets.csvColumn(csvLocation, column);
            if (values.size() != p.size()) {
                throw new IllegalArgumentException(csvLocation + " has " + values.size() + " rows but the evaluation "
                        + p.size() + " samples: slice by the CSV file the dataset was read from");
            }
            return group(column, values::get, p.size(), false);
        };
    }

    private static Map<String, int[]> group(String name, IntFunction<String> key, int n, boolean numeric) {
        Map<String, List<Integer>> groups = numeric
                ? new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                : new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String value = key.apply(i);
            if (value != null) {
                groups.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> slices = new LinkedHashMap<>();
        groups.forEach((value, indices) -> slices.put(
                name + "=" + value, indices.stream().mapToInt(Integer::intValue).toArray()));
        return slices;
    }
}
