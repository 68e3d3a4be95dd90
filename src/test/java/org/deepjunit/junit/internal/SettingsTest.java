package org.deepjunit.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** Settings read through a real Jupiter engine run with configuration parameters. */
class SettingsTest {

    static final List<Object> SEEN = new ArrayList<>();

    static class Probe implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            Settings settings = Settings.of(context);
            synchronized (SEEN) {
                SEEN.add(settings.resolve(-1.0, -1.0, "deepjunit.t", Settings.doubleIn(0, 1), 0.0));
                SEEN.add(settings.resolve(0.75, -1.0, "deepjunit.t", Settings.doubleIn(0, 1), 0.0));
                SEEN.add(settings.get("deepjunit.k", Settings.intAtLeast(1)).orElse(10));
                SEEN.add(settings == Settings.of(context));
            }
        }
    }

    @ExtendWith(Probe.class)
    static class Subject {
        @Test
        void test() {
        }
    }

    @Test
    void annotationWinsOverParameterWhichWinsOverDefault() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("deepjunit.t", " 0.25 ", "junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectClass(Subject.class))
                .execute().testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).containsExactly(0.25, 0.75, 10, true);
    }

    @Test
    void badValueNamesKeyValueAndExpectation() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("deepjunit.t", "1.5", "junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectClass(Subject.class))
                .execute().testEvents()
                .assertThatEvents().haveExactly(1, EventConditions.finishedWithFailure(
                        TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                        TestExecutionResultConditions.message(
                                "Invalid value '1.5' for deepjunit.t: expected a number between 0.0 and 1.0")));
    }
}
