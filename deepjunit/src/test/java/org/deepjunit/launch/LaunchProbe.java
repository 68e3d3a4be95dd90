package org.deepjunit.launch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.deepjunit.NeuronCoverage;
import org.deepjunit.coverage.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs {@link Subject} through a real JUnit launcher, as Surefire and IDEs do, with the configuration parameters
 * given as {@code key=value} arguments; prints the failures' messages. Started in a JVM of its own by
 * {@code UnknownKeyTest}, so that its keys reach no other test.
 */
public final class LaunchProbe {

    private LaunchProbe() {}

    /** A DeepJUnit test class that passes when its configuration is sound. */
    @NeuronCoverage
    public static class Subject {
        @Test
        void predicts() {
            new TinyModel("tiny").predict(TinyModel.inputs(1, 0));
        }
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Subject.class))
                .configurationParameter(
                        "deepjunit.report.dir", System.getProperty("java.io.tmpdir") + "/deepjunit-launch-probe");
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            request.configurationParameter(kv[0], kv[1]);
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(built, summary);
        summary.getSummary()
                .getFailures()
                .forEach(f -> System.out.println("FAILURE: " + f.getException().getMessage()));
        System.out.println("SUCCEEDED: " + summary.getSummary().getTestsSucceededCount());
    }
}
