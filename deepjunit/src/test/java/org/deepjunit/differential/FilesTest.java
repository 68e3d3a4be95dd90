package org.deepjunit.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.differential.ApprovedVerdict.Answer;
import org.deepjunit.model.ModelFiles;
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
        ApprovedFile.of("T.m", "a", ModelFiles.none(), "b", ModelFiles.none(), List.of(later, earlier))
                .write(path);
        String text = Files.readString(path);
        List<String> ids = sortedIds("0000", "ffff");
        assertThat(text.indexOf("\"" + ids.get(0) + "\"")).isLessThan(text.indexOf("\"" + ids.get(1) + "\""));
        assertThat(text)
                .startsWith("{\n  \"test\" : \"T.m\",\n  \"modelUnderTest\" : \"a\",\n  \"reference\" : \"b\",\n")
                .contains("\"correct\" : 1")
                .contains("\"top1\" : 2")
                .endsWith("}\n");
        ApprovedFile back = ApprovedFile.read(path);
        assertThat(back.records()).extracting(ApprovedVerdict::id).containsExactlyElementsOf(ids);
        assertThat(back.records())
                .extracting(r -> r.input().toTensor())
                .containsExactlyInAnyOrder(input("0000"), input("ffff"));
        // Writing what was read gives the same bytes: stable for code review.
        back.write(path);
        assertThat(Files.readString(path)).isEqualTo(text);
    }

    @Test
    void receivedFileRecordsTheModelFilesAndTheirHashes() throws Exception {
        Path weights = Files.writeString(dir.resolve("lenet5.zip"), "abc");
        GoldenFile golden = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        golden.recordFailures(
                "p.T.m",
                "lenet5",
                ModelFiles.of(weights),
                "ref",
                ModelFiles.none(),
                List.of(verdict("0001", new TopOneOracle())));
        Path received = dir.resolve("p.T.m.received.json");
        // SHA-256 of "abc", FIPS 180-2's first example
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Files.readString(received))
                .contains("\"modelUnderTestFiles\" : [\n    {\n      \"path\" : \"lenet5.zip\",\n      \"sha256\" : \""
                        + abc)
                .doesNotContain("referenceFiles");
        assertThat(ApprovedFile.read(received).modelUnderTestFiles())
                .containsExactly(new ModelFiles.Entry("lenet5.zip", abc));
    }

    @Test
    void goldenFileReceivedHoldsApprovedPlusFailuresAndApproveRenamesIt() throws Exception {
        TopOneOracle oracle = new TopOneOracle();
        GoldenFile first = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        first.recordFailures("p.T.m", "a", ModelFiles.none(), "b", ModelFiles.none(), List.of(verdict("0001", oracle)));
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isTrue();
        first.passed(); // the run failed: the received file stays
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isTrue();

        GoldenFile approving = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", true);
        assertThat(approving.promoted()).isTrue();
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isFalse();
        assertThat(approving.approved(id("0001"))).isPresent();

        approving.recordFailures(
                "p.T.m", "a", ModelFiles.none(), "b", ModelFiles.none(), List.of(verdict("0002", oracle)));
        assertThat(ApprovedFile.read(dir.resolve("p.T.m.received.json")).records())
                .extracting(ApprovedVerdict::id)
                .containsExactlyElementsOf(sortedIds("0001", "0002"));

        GoldenFile passing = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        passing.passed();
        assertThat(Files.exists(dir.resolve("p.T.m.received.json"))).isFalse();
        assertThat(passing.claimRecheck()).isTrue();
        assertThat(passing.claimRecheck()).isFalse();
    }

    @Test
    void legacySimpleNameFileIsReadOnlyForTheTestItRecords() {
        TopOneOracle oracle = new TopOneOracle();
        ApprovedFile.of("p.T.m", "a", ModelFiles.none(), "b", ModelFiles.none(), List.of(verdict("0001", oracle)))
                .write(dir.resolve("T.m.approved.json"));

        GoldenFile same = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        assertThat(same.approved(id("0001"))).isPresent();
        assertThat(same.claimLegacyNotice())
                .hasValue(
                        "approved verdicts read from T.m.approved.json, a name without "
                                + "the package that classes of the same simple name would share: rename it to p.T.m.approved.json");
        assertThat(same.claimLegacyNotice()).isEmpty();
        same.recordFailures("p.T.m", "a", ModelFiles.none(), "b", ModelFiles.none(), List.of(verdict("0002", oracle)));
        assertThat(ApprovedFile.read(dir.resolve("p.T.m.received.json")).records())
                .extracting(ApprovedVerdict::id)
                .containsExactlyElementsOf(sortedIds("0001", "0002"));

        GoldenFile other = GoldenFile.open(dir, "q.T.m", "T.m", "q.T.m", false);
        assertThat(other.approved(id("0001"))).isEmpty();
        assertThat(other.claimLegacyNotice()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            {"foo":1}                           | unknown field "foo" in the file; known fields are [modelUnderTest, modelUnderTestFiles, records, reference, referenceFiles, test]
            {"test":"p.T.m"}                    | expected a "records" array
            [1, 2]                              | expected a JSON object with
            {"records":[{"corect":3}]}          | unknown field "corect" in record 1; known fields are [correct, id,
            "correct" : 1,=>"correct" : -1,     | record 1 (id ID): "correct" is -1, but a class is a number >= 0.
            "float32Base64" : "=>"float32Base64" : "!! | record 1 (id ID): its input's float32Base64 is not base64 (Illegal base64 character 21).
            "float32Base64" : "=>"float32Base64" : "AAAA | record 1 (id ID): its input's float32Base64 holds 11 bytes, but its shape [2] needs 8 (float32 values).
            AACAPwAAAD8==>AAAAAAAAAD8= | record 1 (id ID): its stored input has id
            "sha256" :=>"sha" :                | unknown field "sha" in an entry of modelUnderTestFiles; known fields are [path, sha256]
            """)
    void aWronglyEditedApprovedFileIsAnErrorNamingFileAndRecord(String edit, String expected) throws Exception {
        Path path = dir.resolve("p.T.m.approved.json");
        Path weights = Files.writeString(dir.resolve("a.zip"), "abc");
        ApprovedFile.of(
                        "p.T.m",
                        "a",
                        ModelFiles.of(weights),
                        "b",
                        ModelFiles.none(),
                        List.of(verdict("0001", new TopOneOracle())))
                .write(path);
        String text = Files.readString(path);
        if (edit.contains("=>")) {
            String[] fromTo = edit.split("=>");
            assertThat(text).contains(fromTo[0]);
            text = text.replace(fromTo[0], fromTo[1]);
        } else {
            text = edit;
        }
        Files.writeString(path, text);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApprovedFile.read(path))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining(expected.replace("ID", id("0001")));
    }

    @Test
    void aCorrectClassTheModelsDoNotHaveIsAnError() {
        ApprovedFile.of(
                        "p.T.m",
                        "a",
                        ModelFiles.none(),
                        "b",
                        ModelFiles.none(),
                        List.of(verdict("0001", new TopOneOracle())))
                .write(dir.resolve("p.T.m.approved.json"));
        GoldenFile golden = GoldenFile.open(dir, "p.T.m", "T.m", "p.T.m", false);
        golden.checkClasses(2); // correct = 1
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> golden.checkClasses(1))
                .hasMessage("Approved verdicts " + dir.resolve("p.T.m.approved.json") + ", record id " + id("0001")
                        + ": \"correct\" is 1, but the models have 1 outputs (classes 0 to 0). Fix the record");
    }

    /** A stored input told apart by {@code key}, a hex number. */
    private static Tensor input(String key) {
        return Tensor.of(new float[] {Integer.parseInt(key, 16), 0.5f}, 1, 2);
    }

    private static String id(String key) {
        return InputId.of(input(key));
    }

    private static List<String> sortedIds(String... keys) {
        return java.util.Arrays.stream(keys).map(FilesTest::id).sorted().toList();
    }

    private static ApprovedVerdict verdict(String key, OutputOracle oracle) {
        return new ApprovedVerdict(
                id(key),
                1,
                "note",
                "top-1 differs: 2 vs 1",
                0.3,
                Answer.of("a", new double[] {0.1, 0.3, 0.6}, oracle, 2),
                Answer.of("b", new double[] {0.1, 0.6, 0.3}, oracle, 2),
                ApprovedVerdict.StoredInput.of(input(key)));
    }
}
