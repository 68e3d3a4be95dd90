package org.deepjunit;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.report.CoverageReports;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * DeepJUnit's part in a test run as a whole, registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}: when the plan starts, it hands the
 * run's configuration parameter names to the check for unknown keys (extensions only see values of names they
 * ask for); when it ends, it writes the neuron-coverage report, if some test of this JVM used
 * {@link NeuronCoverage}. Under Surefire with several forks each fork writes its data file and renders the run's
 * merged report; the last to finish sees all forks' data.
 */
@API(status = INTERNAL, since = "0.1")
public final class DeepJUnitListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        ConfigurationKeys.seen(testPlan.getConfigurationParameters().keySet());
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (CoverageRun.active()) {
            CoverageRun.finishAll(System.out, CoverageReports::render);
        }
    }
}
