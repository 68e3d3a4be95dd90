package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.report.NaturalOrder;

/**
 * A run's confusion matrix read back from its {@code confusion} figures (named {@code "true,predicted"}, empty cells
 * not recorded), read once for both the heat map image and the table of exact counts.
 *
 * @param labels every class that is a true or a predicted class of some cell, {@code 2} before {@code 10}
 * @param counts the count of each {@code [true, predicted]} cell; a missing cell is 0
 * @param unreadable figures not named {@code "true,predicted"}, left out
 */
record ConfusionCells(List<String> labels, Map<List<String>, Long> counts, int unreadable) {

    static ConfusionCells of(RunRecord run) {
        Map<List<String>, Long> counts = new HashMap<>();
        TreeSet<String> classes = new TreeSet<>(NaturalOrder.INSTANCE);
        int unreadable = 0;
        for (FigureRecord f : run.figures()) {
            if (!f.kind().equals("confusion")) {
                continue;
            }
            String[] cell = f.name().split(",", -1);
            if (cell.length != 2 || cell[0].isBlank() || cell[1].isBlank()) {
                unreadable++;
                continue;
            }
            counts.merge(List.of(cell[0].trim(), cell[1].trim()), Math.round(f.value()), Long::sum);
            classes.add(cell[0].trim());
            classes.add(cell[1].trim());
        }
        return new ConfusionCells(new ArrayList<>(classes), Map.copyOf(counts), unreadable);
    }

    long count(String trueClass, String predicted) {
        return counts.getOrDefault(List.of(trueClass, predicted), 0L);
    }

    /** The samples of {@code trueClass}: its row's sum. */
    long rowTotal(String trueClass) {
        long total = 0;
        for (String p : labels) {
            total += count(trueClass, p);
        }
        return total;
    }

    /** The cell's share of its row, the shade both the image and the table give it; 0 for an empty row. */
    double share(String trueClass, String predicted) {
        long total = rowTotal(trueClass);
        return total == 0 ? 0 : (double) count(trueClass, predicted) / total;
    }
}
