package org.deepjunit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.report.CoverageReports;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * DeepJUnit's part in a test run as a whole, registered through {@code META-INF/services} as a
 * {@link TestExecutionListener} and a {@link LauncherSessionListener}: when a plan starts, it hands the run's
 * configuration parameter names to the check for unknown keys (extensions only see values of names they ask for)
 * and, on a machine whose JavaCPP cache is still empty, says that natives are about to be unpacked;
 * when the outermost launcher session closes, it writes the model quality pages of the histories that tests of this
 * JVM recorded runs in ({@link ModelQuality} and the other extensions; none with {@code
 * deepjunit.quality.history.url=none}), then the neuron-coverage report, if some test of this JVM used
 * {@link NeuronCoverage}. Surefire runs each test class as a plan of its own in one session per fork, so the report
 * is rendered once per JVM, not per class; a launcher without sessions gets it at the end of each plan. With
 * several forks each fork writes its data file and renders the run's merged report; the last to finish sees all
 * forks' data.
 *
 * <p>A report or quality page that cannot be written is printed to stderr as a block naming the folder and the
 * cause, then thrown: thrown from the session's close, Surefire fails the fork ("There was an error in the forked
 * process") with it; thrown from a plan's end, JUnit only logs it, since no test is left to fail.
 */
@API(status = INTERNAL, since = "0.1")
public final class DeepJUnitListener implements TestExecutionListener, LauncherSessionListener {

    /** Launcher sessions open in this JVM (shared: JUnit makes one instance per listener interface). */
    private static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        OPEN_SESSIONS.incrementAndGet();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (OPEN_SESSIONS.decrementAndGet() == 0) {
            finish();
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        ConfigurationKeys.seen(testPlan.getConfigurationParameters().keySet());
        NativesNotice.printIfFirstRun();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (OPEN_SESSIONS.get() == 0) {
            finish();
        }
    }

    /**
     * The quality pages of the histories written (before the coverage report, which keeps them), then the coverage
     * report if coverage was recorded; every failure is printed, the first thrown.
     */
    private static void finish() {
        List<String> blocks = new ArrayList<>();
        Exception first = null;
        for (HistoryPages.Failure f : HistoryPages.renderAll(System.out)) {
            blocks.add(f.describe());
            first = first == null ? f.cause() : first;
        }
        if (CoverageRun.active()) {
            CoverageRun.Renderer renderer = (merged, dir, t, scaled) -> CoverageReports.render(
                    merged, dir, t, scaled, QualityHistory.keptSummary(dir).orElse(null));
            for (CoverageRun.Failure f : CoverageRun.finishAll(System.out, renderer)) {
                blocks.add(f.describe());
                first = first == null ? f.cause() : first;
            }
        }
        blocks.forEach(System.err::println);
        if (first != null) {
            throw new IllegalStateException(blocks.get(0), first);
        }
    }
}
