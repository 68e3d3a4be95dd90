package org.deepjunit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepjunit.quality.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approved and received quality baselines: round trip, quiet when unchanged, received when changed, tamper-proof. */
class QualityBaselinesTest {

    @TempDir
    Path dir;

    @Test
    void anApprovedBaselineReadsBackAsTheSameEvaluation() {
        Evaluation e = QualityGatesTest.answering("m", 100, 7);
        QualityBaselines.in(dir, true).record("T.m.m", e, Map.of("accuracy[all]", e.value(Metrics.ACCURACY)));
        Evaluation back = QualityBaselines.in(dir, false).approved("T.m.m").orElseThrow();
        assertThat(back.model()).isEqualTo("m");
        assertThat(back.modelFingerprint()).isEqualTo("m-fingerprint");
        assertThat(back.datasetDigest()).isEqualTo("digest");
        assertThat(back.predictions().labels()).containsExactly(e.predictions().labels());
        assertThat(back.value(Metrics.ACCURACY)).isEqualTo(0.93);
        assertThat(back.value(Metrics.LOG_LOSS))
                .isCloseTo(e.value(Metrics.LOG_LOSS), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aRunWithinTheToleranceWritesNothingAndAChangedOneIsReceived() {
        Evaluation e = QualityGatesTest.answering("m", 100, 7);
        QualityBaselines approving = QualityBaselines.in(dir, true);
        approving.record("T.m.m", e, Map.of("accuracy[all]", 0.93));
        QualityBaselines run = QualityBaselines.in(dir, false);
        assertThat(run.record("T.m.m", e, Map.of("accuracy[all]", 0.93 + 1e-9))).isEmpty();
        assertThat(dir.resolve("T.m.m.quality.received.json")).doesNotExist();
        assertThat(run.record("T.m.m", e, Map.of("accuracy[all]", 0.92)))
                .contains(dir.resolve("T.m.m.quality.received.json"));
        assertThat(dir.resolve("T.m.m.quality.received.npy")).exists();
        // unchanged again: the left-over received files go
        assertThat(run.record("T.m.m", e, Map.of("accuracy[all]", 0.93))).isEmpty();
        assertThat(dir.resolve("T.m.m.quality.received.json")).doesNotExist();
        assertThat(dir.resolve("T.m.m.quality.received.npy")).doesNotExist();
        Evaluation otherModel = Evaluation.of("m", "another-fingerprint", "digest", e.predictions());
        assertThat(run.record("T.m.m", otherModel, Map.of("accuracy[all]", 0.93)))
                .isPresent();
    }

    @Test
    void anEditedScoresFileIsAnErrorNamingIt() throws Exception {
        Evaluation e = QualityGatesTest.answering("m", 100, 7);
        QualityBaselines.in(dir, true).record("T.m.m", e, Map.of());
        Path npy = dir.resolve("T.m.m.quality.approved.npy");
        byte[] bytes = Files.readAllBytes(npy);
        bytes[bytes.length - 1] ^= 1;
        Files.write(npy, bytes);
        assertThatThrownBy(() -> QualityBaselines.in(dir, false).approved("T.m.m"))
                .hasMessageStartingWith("The approved scores " + npy + " do not match the SHA-256 that ")
                .hasMessageEndingWith("the file was edited or is corrupt; approve a new baseline");
    }
}
