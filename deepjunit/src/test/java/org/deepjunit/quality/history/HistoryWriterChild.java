package org.deepjunit.quality.history;

import java.time.Instant;
import java.util.List;

/**
 * A separate JVM writing to the default history of a project, as another Surefire fork or CI job would:
 * {@code HistoryWriterChild <project> <runs> <tag>}; {@code -Duser.home} picks the folder.
 */
public final class HistoryWriterChild {

    private HistoryWriterChild() {}

    public static void main(String[] args) {
        String project = args[0];
        int runs = Integer.parseInt(args[1]);
        String tag = args[2];
        try (HistoryStore store = HistoryStore.openDefault(project)) {
            for (int i = 0; i < runs; i++) {
                store.record(new RunRecord(
                        Instant.now(),
                        project,
                        tag + "#" + i,
                        "m",
                        "",
                        "",
                        null,
                        List.of(
                                FigureRecord.of("metric", "accuracy", "", i / (double) runs, runs),
                                FigureRecord.of("coverage", "NC", "", 0.5, 10))));
            }
        }
        System.out.println("wrote " + runs);
    }
}
