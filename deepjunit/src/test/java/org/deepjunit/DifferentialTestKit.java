package org.deepjunit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs {@link DifferentialAgainst} subject classes through a real Jupiter engine, as the differential tests do:
 * approved files and reports under the calling test's temporary directory (so parallel tests do not share them),
 * approval off unless asked for, subjects in parallel; and reads back the failures' messages.
 */
final class DifferentialTestKit {

    private DifferentialTestKit() {}

    static EngineExecutionResults run(Path dir, Class<?> subject, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("deepjunit.differential.approved.dir", dir.resolve("approved").toString());
        all.put("deepjunit.report.dir", dir.resolve("report").toString());
        all.putIfAbsent("deepjunit.differential.approve", "false");
        all.put("junit.jupiter.execution.parallel.enabled", "true");
        all.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(all)
                .selectors(selectClass(subject))
                .execute();
    }

    static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }
}
