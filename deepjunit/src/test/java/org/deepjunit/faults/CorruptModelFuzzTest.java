package org.deepjunit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 400 corrupted models, a hundred of each format (DL4J zips, Keras JSON + HDF5 pairs, Keras-layout SavedModels, ONNX files), from
 * a fixed seed, loaded in child JVMs: no crash, no hang, no silent shape or layer change, every error names the
 * damaged file (or the SavedModel's directory), and a pinned SHA-256 catches every changed model. The full campaign
 * with any seed: see {@link CorruptModelFuzz}.
 */
class CorruptModelFuzzTest {

    static final int CASES = 400;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void corruptedModelsFailClearlyOrLoadUnchanged() throws Exception {
        FuzzReport report = new CorruptModelFuzz(CorruptModelFuzz.FORMATS, work, Duration.ofSeconds(30)).run(3, CASES);
        System.out.print(report.figures());
        assertThat(report.cases()).hasSize(CASES);
        assertThat(report.cases())
                .extracting(FuzzReport.Case::format)
                .containsOnly("dl4j-zip", "keras-json-h5", "keras-savedmodel", "onnx");
        assertThat(report.problems()).isEmpty();
        assertThat(report.pinsChecked()).isGreaterThan(CASES / 2);
    }
}
