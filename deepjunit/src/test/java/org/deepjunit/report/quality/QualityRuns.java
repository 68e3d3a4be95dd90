package org.deepjunit.report.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;

/** Two recorded runs of LeNet-5 as {@code QualityHistory} writes them, with figures that tell the runs apart. */
final class QualityRuns {

    static final String PROJECT = "digits";
    static final String TEST = "com.acme.DigitsTest.keepsItsAccuracy";
    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    static final String COMMIT_1 = "c0ffee01aaaabbbbccccddddeeeeffff00001111";
    static final String COMMIT_2 = "beefcafe2222333344445555666677778888aaaa";
    static final String MODEL_1 = "f00dfeed0123456789abcdef0123456789abcdef0123456789abcdef01234567";
    static final String MODEL_2 = "ba5eba11fedcba9876543210fedcba9876543210fedcba9876543210fedcba98";
    static final String DATA = "da7a5e7d00112233445566778899aabbccddeeff00112233445566778899aabb";

    private QualityRuns() {}

    /** The first build: accuracy 0.90; confusion row 0 is 30 right, 10 wrong. */
    static RunRecord first() {
        List<FigureRecord> f = new ArrayList<>();
        f.add(FigureRecord.of("metric", "accuracy", "all", 0.90, 100));
        f.add(FigureRecord.of("metric", "accuracy", "class=0", 0.75, 40));
        f.add(FigureRecord.of("metric", "accuracy", "class=2", 0.80, 25));
        f.add(FigureRecord.of("metric", "accuracy", "class=10", 0.88, 35));
        f.addAll(confusion(30, 10, 0, 12, 48, 0, 1, 4, 20));
        f.add(new FigureRecord("change", "accuracy", "all", -0.02, 100, -0.05, 0.01, "passed"));
        return new RunRecord(T0, PROJECT, TEST, "lenet5", MODEL_1, DATA, COMMIT_1, f);
    }

    /**
     * The second build, a day later, with another model: accuracy 0.92 and f1(2) for the first time; confusion rows
     * {38, 2, 0}, {10, 50, 0}, {1, 3, 21}; gates recorded passed, failed, inconclusive.
     */
    static RunRecord second() {
        List<FigureRecord> f = new ArrayList<>();
        f.add(FigureRecord.of("metric", "accuracy", "all", 0.92, 100));
        f.add(FigureRecord.of("metric", "f1(2)", "all", 0.85, 100));
        f.add(FigureRecord.of("metric", "accuracy", "class=0", 0.95, 40));
        f.add(FigureRecord.of("metric", "accuracy", "class=2", 0.84, 25));
        f.add(FigureRecord.of("metric", "accuracy", "class=10", 0.9143, 35));
        f.add(FigureRecord.of("metric", "f1(2)", "class=2", 0.70, 25));
        f.addAll(confusion(38, 2, 0, 10, 50, 0, 1, 3, 21));
        f.add(new FigureRecord("change", "accuracy", "all", 0.02, 100, 0.005, 0.035, "passed"));
        f.add(new FigureRecord("gate", "f1(2)", "class=2", 0.70, 25, Double.NaN, Double.NaN, "failed"));
        f.add(new FigureRecord("change", "accuracy", "class=10", -0.01, 35, -0.09, 0.07, "inconclusive"));
        return new RunRecord(T0.plus(Duration.ofDays(1)), PROJECT, TEST, "lenet5", MODEL_2, DATA, COMMIT_2, f);
    }

    /** A 3 × 3 confusion matrix, row by row, its empty cells left out as {@code QualityHistory} does. */
    static List<FigureRecord> confusion(long... counts) {
        List<FigureRecord> cells = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                cells.add(FigureRecord.of("confusion", (i / 3) + "," + (i % 3), "all", counts[i], 125));
            }
        }
        return cells;
    }

    /** A store at {@code file} holding {@code runs}. */
    static void record(Path file, RunRecord... runs) {
        try (HistoryStore history = HistoryStore.openSqlite(file)) {
            for (RunRecord run : runs) {
                history.record(run);
            }
        }
    }

    /** The pages of {@code file}'s {@value #PROJECT} runs, written into {@code dir}; returns the index. */
    static Path render(Path file, Path dir) throws java.io.IOException {
        try (HistoryStore history = HistoryStore.openSqlite(file)) {
            return QualityPages.write(history, PROJECT, dir);
        }
    }
}
