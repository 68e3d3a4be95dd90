package org.deepjunit.quality.history;

import java.time.Instant;
import java.util.List;

/** Runs with every kind of value the store must keep: NaN bounds, null verdicts and commits, unicode slices. */
final class SampleRuns {

    static final Instant T0 = Instant.parse("2026-12-01T10:15:30.123Z");

    private SampleRuns() {}

    static RunRecord full(String project, String model, int build) {
        return new RunRecord(
                T0.plusSeconds(60L * build),
                project,
                "com.acme.DigitsTest#accuracy",
                model,
                "sha256:" + Integer.toHexString(0xab00 + build),
                "sha256:data",
                build % 2 == 0 ? null : "0123456789abcdef0123456789abcdef0123456" + (build % 10),
                List.of(
                        new FigureRecord("metric", "accuracy", "", 0.9 + build / 1000.0, 10_000, 0.89, 0.95, "passed"),
                        new FigureRecord("coverage", "NC(t=0.25)", "", 0.62, 52, Double.NaN, Double.NaN, null),
                        new FigureRecord("metric", "recall", "city=Zürich ☃ 東京", 0.5, 7, 0.1, Double.NaN, "failed"),
                        new FigureRecord("disagreements", "count", "class=3", 0, 0, Double.NaN, 3.5, "inconclusive"),
                        FigureRecord.of("generated", "inputs", "", 120, 120)));
    }

    static RunRecord small(String project, String model, String testId, Instant time) {
        return new RunRecord(
                time, project, testId, model, "", "", null, List.of(FigureRecord.of("metric", "accuracy", "", 0.5, 2)));
    }
}
