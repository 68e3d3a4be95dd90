package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * Every recorded run of one model, from all tests, oldest first; what its page shows is read from here.
 *
 * @param model the model's name
 * @param file the page's file name without {@code .html}, also the name of its charts' folder
 * @param runs the runs, oldest first
 * @param perturbed the runs of the model under a perturbation (recorded as the model {@code "<model> under
 *     <perturbation>"}, see {@link RobustnessRuns}), oldest first
 */
record ModelHistory(String model, String file, List<RunRecord> runs, List<RunRecord> perturbed) {

    ModelHistory {
        runs = List.copyOf(runs);
        perturbed = List.copyOf(perturbed);
    }

    /** The models of a project's runs (oldest first), by name, with file names from {@code names}. */
    static List<ModelHistory> of(List<RunRecord> runs, PageNames names) {
        Map<String, List<RunRecord>> byModel = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            byModel.computeIfAbsent(run.model(), m -> new ArrayList<>()).add(run);
        }
        List<ModelHistory> models = new ArrayList<>();
        byModel.keySet().stream()
                .sorted()
                .forEach(m -> models.add(new ModelHistory(
                        m,
                        names.unique(m),
                        byModel.get(m),
                        runs.stream()
                                .filter(r -> r.model().startsWith(m + " under "))
                                .toList())));
        return models;
    }

    /**
     * A series per figure of the whole data set (not confusion cells nor gate verdicts), in the order first
     * recorded. A series has a point for each run of a test that recorded it at least once: a run of such a test
     * without the figure is a skipped point, a run of another test (a coverage-only test of the same model) is no
     * point.
     */
    List<Series> series() {
        Map<List<String>, Set<String>> testsOf = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            for (FigureRecord f : run.figures()) {
                if (!Series.NOT_TRENDS.contains(f.kind()) && Series.whole(f.slice())) {
                    testsOf.computeIfAbsent(List.of(f.kind(), f.name()), k -> new LinkedHashSet<>())
                            .add(run.testId());
                }
            }
        }
        List<Series> series = new ArrayList<>();
        testsOf.forEach((key, tests) -> {
            List<Series.Point> points = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                RunRecord run = runs.get(i);
                if (tests.contains(run.testId())) {
                    points.add(new Series.Point(i + 1, run, Series.valueIn(run, key.get(0), key.get(1))));
                }
            }
            series.add(new Series(key.get(0), key.get(1), points));
        });
        return series;
    }

    /** The latest run of each test that recorded this model, newest first. */
    List<RunRecord> latestPerTest() {
        Map<String, RunRecord> latest = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            latest.remove(run.testId());
            latest.put(run.testId(), run); // runs are oldest first: the last one stays
        }
        List<RunRecord> newestFirst = new ArrayList<>(latest.values()); // by each test's last run, oldest first
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The latest run of the model, by any test. */
    RunRecord latest() {
        return runs.get(runs.size() - 1);
    }

    /** The gate verdicts ({@code change} and {@code gate} figures) of the latest run of each test. */
    List<FigureRecord> latestVerdicts() {
        List<FigureRecord> verdicts = new ArrayList<>();
        for (RunRecord run : latestPerTest()) {
            run.figures().stream().filter(f -> f.verdict() != null).forEach(verdicts::add);
        }
        return verdicts;
    }
}
