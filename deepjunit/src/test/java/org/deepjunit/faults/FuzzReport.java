package org.deepjunit.faults;

import java.util.ArrayList;
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
     * @param category  the kind of damage ({@link Mutation.Done#category()})
     * @param pinCaught null when the case's bytes equal the original's or a file is missing; else whether the
     *     load with the original's SHA-256 pinned failed on the hash
     */
    public record Case(
            int id,
            String format,
            String category,
            String mutation,
            Outcome outcome,
            String detail,
            Boolean pinCaught,
            boolean outputChanged) {

        /** Loaded with the healthy shape and layers, or refused naming the file; and, if pinned, caught. */
        boolean fine() {
            return (outcome == Outcome.LOADED_SAME_SHAPE || outcome == Outcome.CLEAR_ERROR)
                    && !Boolean.FALSE.equals(pinCaught);
        }
    }

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

    /**
     * The cases that fail the campaign's promise: a crash, a hang, a silent shape or layer change, an error that
     * does not name the file, another exception, or a changed model that loads although its hash is pinned.
     */
    public List<Case> problems() {
        return cases.stream().filter(c -> !c.fine()).toList();
    }

    private static final String ROW = "  %-16s %-18s %5s %6s %7s %7s %5s %6s %5s %4s %7s %9s%n";

    /** Figures per format and category of damage, then per format and in all, as a campaign prints them. */
    public String figures() {
        Map<String, List<Case>> rows = new TreeMap<>();
        for (Case c : cases) {
            rows.computeIfAbsent(c.format() + "\t" + c.category(), k -> new ArrayList<>())
                    .add(c);
            rows.computeIfAbsent(c.format() + "\t(all)", k -> new ArrayList<>()).add(c);
            rows.computeIfAbsent("~all\t(all)", k -> new ArrayList<>()).add(c);
        }
        StringBuilder s = new StringBuilder("Corrupt-model fuzz, seed " + seed + ", " + cases.size() + " cases\n");
        s.append(String.format(
                ROW,
                "format",
                "category",
                "cases",
                "loaded",
                "changed",
                "refused",
                "other",
                "silent",
                "crash",
                "hang",
                "unnamed",
                "pin caught"));
        rows.forEach((key, list) -> {
            String[] k = key.replace("~all", "all").split("\t");
            s.append(String.format(
                    ROW,
                    k[0],
                    k[1],
                    list.size(),
                    of(list, Outcome.LOADED_SAME_SHAPE),
                    list.stream().filter(Case::outputChanged).count(),
                    of(list, Outcome.CLEAR_ERROR),
                    of(list, Outcome.OTHER_EXCEPTION),
                    of(list, Outcome.SILENT_SHAPE_CHANGE),
                    of(list, Outcome.CRASH),
                    of(list, Outcome.HANG),
                    of(list, Outcome.UNNAMED_ERROR),
                    list.stream()
                                    .filter(c -> Boolean.TRUE.equals(c.pinCaught()))
                                    .count() + "/"
                            + list.stream().filter(c -> c.pinCaught() != null).count()));
        });
        s.append("  loaded: same output shape and layers as the healthy model; changed: of those, other outputs\n")
                .append("  (weights damage that only a pin catches); refused: a ModelLoadException naming the file\n")
                .append("  or directory; other: any other exception; silent: loaded with another output shape or\n")
                .append("  other layers; unnamed: a refusal not naming the file; pin caught: of the cases whose\n")
                .append("  bytes changed, loads with the healthy SHA-256 pinned that were refused on the hash\n");
        return s.toString();
    }

    private static long of(List<Case> list, Outcome outcome) {
        return list.stream().filter(c -> c.outcome() == outcome).count();
    }
}
