package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model fingerprints: stable for the same model, different for different weights or architecture. */
class FingerprintTest {

    @Test
    void dl4jHashesConfigurationAndParameters() {
        try (Model a = DeepXploreModels.dl4j(LeNet.LENET5);
                Model b = DeepXploreModels.dl4j(LeNet.LENET5);
                Model c = DeepXploreModels.dl4j(LeNet.LENET4)) {
            assertThat(a.fingerprint()).hasSize(64).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        }
    }

    @Test
    void defaultFingerprintHashesStructureAndProbeOutputs(@TempDir Path dir) {
        try (Model a = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("a"));
                Model b = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("b"));
                Model c = DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("c"))) {
            assertThat(a.fingerprint()).hasSize(64).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        }
        assertThat(new org.deepjunit.coverage.TinyModel("x").fingerprint())
                .isEqualTo(new org.deepjunit.coverage.TinyModel("y").fingerprint());
    }
}
