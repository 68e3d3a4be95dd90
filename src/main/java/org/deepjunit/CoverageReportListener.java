package org.deepjunit;

import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.report.CoverageReports;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the neuron-coverage report at the end of each test plan, registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. Inert unless some test of this JVM
 * used {@link org.deepjunit.NeuronCoverage}. Under Surefire with several forks each fork writes its data file and
 * renders the run's merged report; the last to finish sees all forks' data.
 */
public final class CoverageReportListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (CoverageRun.active()) {
            CoverageRun.finishAll(System.out, CoverageReports::render);
        }
    }
}
