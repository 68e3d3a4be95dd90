package org.deepjunit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepjunit.faults.FuzzReport.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 150 corrupted DL4J zips and Keras JSON + HDF5 pairs, from a fixed seed, loaded in child JVMs: no crash, no hang,
 * no silent shape change, every error names the damaged file, and a pinned SHA-256 catches every changed model.
 * The full campaign with any seed: see {@link CorruptModelFuzz}.
 */
class CorruptModelFuzzTest {

    @TempDir
    Path work;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void corruptedModelsFailClearlyOrLoadUnchanged() throws Exception {
        FuzzReport report = new CorruptModelFuzz(
                        List.of(new Dl4jZipFuzzFormat(), new KerasFuzzFormat()), work, Duration.ofSeconds(30))
                .run(3, 150);
        System.out.print(report.figures());
        assertThat(report.cases()).hasSize(150);
        assertThat(report.with(Outcome.CRASH)).isEmpty();
        assertThat(report.with(Outcome.HANG)).isEmpty();
        assertThat(report.with(Outcome.SILENT_SHAPE_CHANGE)).isEmpty();
        assertThat(report.with(Outcome.UNNAMED_ERROR)).isEmpty();
        assertThat(report.with(Outcome.OTHER_EXCEPTION)).isEmpty();
        assertThat(report.pinsChecked()).isGreaterThan(100);
        assertThat(report.cases()).noneMatch(c -> Boolean.FALSE.equals(c.pinCaught()));
    }
}
