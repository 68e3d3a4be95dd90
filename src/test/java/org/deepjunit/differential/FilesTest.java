package org.deepjunit.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.differential.ApprovedVerdict.Answer;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input ids, saved inputs and approved files. */
class FilesTest {

    @TempDir
    Path dir;

    @Test
    void inputIdIsStableAndIgnoresPrecisionAndBatch() {
        float[] pixels = new float[28 * 28];
        pixels[100] = 0.5f;
        Tensor a = Tensor.of(pixels, 1, 28, 28, 1);
        Tensor b = a.as(org.deepjunit.model.DataType.FLOAT64).reshape(28, 28, 1);
        assertThat(InputId.of(a)).hasSize(16).isEqualTo(InputId.of(b));
        pixels[100] = 0.25f;
        assertThat(InputId.of(Tensor.of(pixels, 1, 28, 28, 1))).isNotEqualTo(InputId.of(a));
        assertThat(InputId.of(Tensor.of(pixels, 1, 784))).isNotEqualTo(InputId.of(Tensor.of(pixels, 1, 28, 28, 1)));
    }

    @Test
    void approvedFileIsSortedIndentedAndRoundTrips() throws Exception {
        TopOneOracle oracle = new TopOneOracle();
        ApprovedVerdict later = verdict("ffff", oracle);
        ApprovedVerdict earlier = verdict("0000", oracle);
        Path path = dir.resolve("T.m.approved.json");
        ApprovedFile.of("T.m", "a", "b", List.of(later, earlier)).write(path);
        String text = Files.readString(path);
        assertThat(text.indexOf("\"0000\"")).isLessThan(text.indexOf("\"ffff\""));
        assertThat(text)
                .startsWith("{\n  \"test\" : \"T.m\",\n  \"modelUnderTest\" : \"a\",\n  \"reference\" : \"b\",\n")
                .contains("\"correct\" : 1")
                .contains("\"top1\" : 2")
                .endsWith("}\n");
        ApprovedFile back = ApprovedFile.read(path);
        assertThat(back.records()).extracting(ApprovedVerdict::id).containsExactly("0000", "ffff");
        assertThat(back.records().get(0).input().toTensor()).isEqualTo(Tensor.of(new float[] {0.25f, 0.5f}, 1, 2));
        // Writing what was read gives the same bytes: stable for code review.
        back.write(path);
        assertThat(Files.readString(path)).isEqualTo(text);
    }

    @Test
    void goldenFileReceivedHoldsApprovedPlusFailuresAndApproveRenamesIt() throws Exception {
        TopOneOracle oracle = new TopOneOracle();
        GoldenFile first = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        first.recordFailures("p.T.m", "a", "b", List.of(verdict("0001", oracle)));
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isTrue();
        first.passed(); // the run failed: the received file stays
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isTrue();

        GoldenFile approving = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", true);
        assertThat(approving.promoted()).isTrue();
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isFalse();
        assertThat(approving.approved("0001")).isPresent();

        approving.recordFailures("p.T.m", "a", "b", List.of(verdict("0002", oracle)));
        assertThat(ApprovedFile.read(dir.resolve("p.T.m.received.json")).records())
                .extracting(ApprovedVerdict::id)
                .containsExactly("0001", "0002");

        GoldenFile passing = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        passing.passed();
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isFalse();
        assertThat(passing.claimRecheck()).isTrue();
        assertThat(passing.claimRecheck()).isFalse();
    }

    @Test
    void legacySimpleNameFileIsReadOnlyForTheTestItRecords() {
        TopOneOracle oracle = new TopOneOracle();
        ApprovedFile.of("p.T.m", "a", "b", List.of(verdict("0001", oracle))).write(dir.resolve("T.m.approved.json"));

        GoldenFile same = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        assertThat(same.approved("0001")).isPresent();
        assertThat(same.claimLegacyNotice())
                .hasValue(
                        "approved verdicts read from T.m.approved.json, a name without "
                                + "the package that classes of the same simple name would share: rename it to p.T.m.approved.json");
        assertThat(same.claimLegacyNotice()).isEmpty();
        same.recordFailures("p.T.m", "a", "b", List.of(verdict("0002", oracle)));
        assertThat(ApprovedFile.read(dir.resolve("p.T.m.received.json")).records())
                .extracting(ApprovedVerdict::id)
                .containsExactly("0001", "0002");

        GoldenFile other = GoldenFile.open(dir, "q.T.m", "T.m", "q.T.m", false);
        assertThat(other.approved("0001")).isEmpty();
        assertThat(other.claimLegacyNotice()).isEmpty();
    }

    private static ApprovedVerdict verdict(String id, OutputOracle oracle) {
        return new ApprovedVerdict(
                id,
                1,
                "note",
                "top-1 differs: 2 vs 1",
                0.3,
                Answer.of("a", new double[] {0.1, 0.3, 0.6}, oracle, 2),
                Answer.of("b", new double[] {0.1, 0.6, 0.3}, oracle, 2),
                ApprovedVerdict.StoredInput.of(Tensor.of(new float[] {0.25f, 0.5f}, 1, 2)));
    }
}
