package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;
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
    static final Key<Double> T = Key.of("deepjunit.t", ValueType.number(0, true, 1, true), 0.0, "0", "a threshold");
    static final Key<Integer> K = Key.of("deepjunit.k", ValueType.integerAtLeast(1), 10, "10", "a count");

    static class Probe implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            Settings settings = Settings.of(context);
            try {
                record(settings, context);
            } catch (ConfigurationException e) {
                throw Settings.asJUnit(e);
            }
        }

        private static void record(Settings settings, ExtensionContext context) {
            synchronized (SEEN) {
                SEEN.add(settings.resolve(T, Double.NaN, false, "@Probe(t)"));
                SEEN.add(settings.resolve(T, 0.75, true, "@Probe(t)"));
                SEEN.add(settings.getOrDefault(K));
                SEEN.add(settings == Settings.of(context));
            }
        }
    }

    @ExtendWith(Probe.class)
    static class Subject {
        @Test
        void test() {}
    }

    @Test
    void annotationWinsOverParameterWhichWinsOverDefault() {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(
                        Map.of("deepjunit.t", " 0.25 ", "junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectClass(Subject.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).containsExactly(0.25, 0.75, 10, true);
    }

    @Test
    void badValueNamesKeyValueAndExpectation() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(
                        Map.of("deepjunit.t", "1.5", "junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(selectClass(Subject.class))
                .execute()
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(
                                TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                                TestExecutionResultConditions.message(
                                        "Invalid value '1.5' for deepjunit.t: expected a number between 0 and 1")));
    }
}
