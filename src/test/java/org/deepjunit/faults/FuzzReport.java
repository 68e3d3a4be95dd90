package org.deepjunit.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of a fuzz campaign: one result per case, and the figures per category. */
public record FuzzReport(long seed, List<FuzzReport.Case> cases) {

    /** What became of one corrupted model. */
    public enum Outcome {
        /** Loaded and predicted with the healthy model's output shape (weights may differ: see the pin). */
        LOADED_SAME_SHAPE,
        /** A ModelLoadException whose message names the damaged file. */
        CLEAR_ERROR,
        /** A ModelLoadException that does not name the damaged file. */
        UNNAMED_ERROR,
        /** Any other exception or error, at load or at the first prediction. */
        OTHER_EXCEPTION,
        /** Loaded, but predicts another output shape than the healthy model. */
        SILENT_SHAPE_CHANGE,
        /** The child JVM died (SIGSEGV, abort) while loading. */
        CRASH,
        /** No answer within the per-case timeout. */
        HANG
    }

    /**
     * @param pinCaught null when the case's bytes equal the original's or a file is missing; else whether the
     *     load with the original's SHA-256 pinned failed on the hash
     */
    public record Case(
            int id,
            String format,
            String mutation,
            Outcome outcome,
            String detail,
            Boolean pinCaught,
            boolean outputChanged) {}

    public long count(Outcome outcome) {
        return cases.stream().filter(c -> c.outcome() == outcome).count();
    }

    public long pinsMissed() {
        return cases.stream().filter(c -> Boolean.FALSE.equals(c.pinCaught())).count();
    }

    public long pinsChecked() {
        return cases.stream().filter(c -> c.pinCaught() != null).count();
    }

    public List<Case> with(Outcome outcome) {
        return cases.stream().filter(c -> c.outcome() == outcome).toList();
    }

    /** Figures per format and category, as a campaign prints them. */
    public String figures() {
        Map<String, Map<Outcome, Integer>> perFormat = new TreeMap<>();
        for (Case c : cases) {
            perFormat
                    .computeIfAbsent(c.format(), f -> new EnumMap<>(Outcome.class))
                    .merge(c.outcome(), 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder("Corrupt-model fuzz, seed " + seed + ", " + cases.size() + " cases\n");
        perFormat.forEach((format, counts) -> s.append(String.format("  %-14s %s%n", format, counts)));
        for (Outcome o : Outcome.values()) {
            s.append(String.format("  %-20s %d%n", o, count(o)));
        }
        long changed = cases.stream()
                .filter(c -> c.outcome() == Outcome.LOADED_SAME_SHAPE && c.outputChanged())
                .count();
        s.append("  loaded with changed outputs (weights damage without a pin): ")
                .append(changed)
                .append('\n');
        s.append("  pinned SHA-256: ")
                .append(pinsChecked() - pinsMissed())
                .append(" of ")
                .append(pinsChecked())
                .append(" changed models caught\n");
        return s.toString();
    }
}
