package org.deepjunit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.deepjunit.faults.FuzzReport.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness counts a crash and a hang as outcomes and goes on with the other cases in a fresh child JVM. */
class CorruptModelFuzzHarnessTest {

    @TempDir
    Path work;

    @Test
    void crashesAndHangsAreCountedNotFatal() throws Exception {
        FuzzReport report = new CorruptModelFuzz(List.of(new ToyFuzzFormat()), work, Duration.ofSeconds(3)).run(11, 8);
        System.out.print(report.figures());
        assertThat(report.cases()).hasSize(8);
        assertThat(report.count(Outcome.CRASH)).isPositive();
        assertThat(report.count(Outcome.HANG)).isPositive();
        assertThat(report.count(Outcome.CRASH) + report.count(Outcome.HANG) + report.count(Outcome.CLEAR_ERROR))
                .isEqualTo(8);
        assertThat(report.pinsMissed()).isZero();
    }
}
