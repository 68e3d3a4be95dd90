package org.deepjunit.launch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deepjunit.ModelQuality;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.Quality;
import org.deepjunit.coverage.TinyModel;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.FolderLock;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * A Surefire fork in miniature, started in a JVM of its own by the report tests: one launcher session, one plan per
 * test class (as Surefire runs them), DeepJUnit's listeners loaded from the class path. Arguments: the report
 * folder, then the simple names of the classes to run. System properties: {@value #INPUTS} inputs per test (default
 * 1) and {@value #SAVE}, the name of an input that {@link First} saves into {@code generated/First/}.
 */
public final class ReportChild {

    public static final String INPUTS = "child.inputs";
    static final String SAVE = "child.save";
    public static final String HISTORY_URL = "deepjunit.quality.history.url";

    private ReportChild() {}

    static void predict(String model, double offset) {
        int n = Integer.getInteger(INPUTS, 1);
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = offset + i;
            xy[2 * i + 1] = 1 - i;
        }
        new TinyModel(model).predict(TinyModel.inputs(xy));
    }

    @NeuronCoverage
    public static class First {
        @Test
        void predicts() {
            predict("tiny", 0);
            String save = System.getProperty(SAVE);
            if (save != null) {
                Path report = Path.of(System.getProperty("child.report"));
                FolderLock.lockedUnchecked(
                        report,
                        () -> SavedInputs.save(
                                report.resolve("generated/First"),
                                save,
                                TinyModel.inputs(1, 2),
                                null,
                                Map.of("test", "First")));
            }
        }
    }

    @NeuronCoverage
    public static class Second {
        @Test
        void predicts() {
            predict("tiny", 2);
        }
    }

    @NeuronCoverage
    public static class Third {
        @Test
        void predicts() {
            predict("tiny2", -1);
        }
    }

    /** A quality test: the tiny network's accuracy on eight points it answers right, into the history. */
    @ModelQuality
    public static class Gated {
        @Test
        void keepsItsAccuracy(Quality quality) {
            TinyModel tiny = new TinyModel("tiny");
            Tensor x = TinyModel.inputs(1, 0, 0, 2, 2, 0, 0, 3, 3, 0, 0, 1, 1, 1, 0, 4);
            Dataset data = new Dataset(
                    "points", Shape.of(2), x.toFloatArray(), tiny.predict(x).argMax());
            quality.gates(quality.evaluate(tiny, data))
                    .minimumSamples(4)
                    .gate(Metrics.ACCURACY, g -> g.atLeast(0.5))
                    .check();
        }
    }

    /** What a child printed (stdout and stderr) and its exit code. */
    public record Result(int exit, String output) {
        long count(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).count();
        }
    }

    /**
     * Runs the classes in a child JVM with the test class path, under run id {@code runId}, with more system
     * properties (such as {@code deepjunit.test.haltAt}); waits at most two minutes. Public for the browser check of
     * the pages ({@code org.deepjunit.report.browser}), which crawls a report written this way.
     */
    public static Result run(Path report, String runId, Map<String, String> properties, String... classes)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1"); // short-lived: start fast
        command.add("-Ddeepjunit.coverage.run.id=" + runId);
        if (!properties.containsKey(HISTORY_URL)) {
            command.add("-D" + HISTORY_URL + "=none"); // the suite keeps no history in the home folder
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReportChild.class.getName());
        command.add(report.toString());
        command.addAll(List.of(classes));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not end: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    public static void main(String[] args) throws ClassNotFoundException {
        System.setProperty("child.report", args[0]);
        long succeeded = 0;
        LauncherSession session = LauncherFactory.openSession();
        for (int i = 1; i < args.length; i++) {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            Class<?> subject = Class.forName(ReportChild.class.getName() + "$" + args[i]);
            session.getLauncher()
                    .execute(
                            LauncherDiscoveryRequestBuilder.request()
                                    .selectors(selectClass(subject))
                                    .configurationParameter("deepjunit.report.dir", args[0])
                                    .build(),
                            summary);
            summary.getSummary()
                    .getFailures()
                    .forEach(f ->
                            System.out.println("FAILURE: " + f.getException().getMessage()));
            succeeded += summary.getSummary().getTestsSucceededCount();
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            System.out.println("SESSION CLOSE FAILED: " + e.getMessage());
        }
        System.out.println("SUCCEEDED: " + succeeded);
    }
}
