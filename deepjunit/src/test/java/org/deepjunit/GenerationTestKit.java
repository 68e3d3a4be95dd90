package org.deepjunit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.deepjunit.generation.GeneratedInput;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs one {@code @GeneratedInputs} method of a subject class on the Jupiter engine, its report under a folder. */
final class GenerationTestKit {

    private GenerationTestKit() {}

    /** {@code subject.method(GeneratedInput)}, sequentially, its report in {@code reports}. */
    static EngineExecutionResults run(Path reports, Class<?> subject, String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        reports.toString()))
                .selectors(selectMethod(subject, method, GeneratedInput.class.getName()))
                .execute();
    }

    /** The generation summary the run published as a report entry. */
    static String summary(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class)
                        .getKeyValuePairs()
                        .get("deepjunit.generation.summary"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow();
    }
}
