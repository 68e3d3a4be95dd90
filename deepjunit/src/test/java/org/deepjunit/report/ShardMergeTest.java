package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.OrderFree;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage data merges as a monoid: three shards of a run (each written to its data file and read back, as CI jobs
 * upload them), merged in any order, give the data one machine records running all of them, and a report identical
 * byte for byte to that machine's. The one piece of run metadata is the report's creation time, fixed here.
 */
class ShardMergeTest {

    private static final Instant CREATED = Instant.parse("2026-12-06T06:00:00Z");

    @TempDir
    static Path dir;

    private static Model lenet5;
    private static final List<Tensor> SHARDS = new ArrayList<>();

    @BeforeAll
    static void load() {
        lenet5 = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"));
        for (int from = 0; from < 120; from += 40) {
            SHARDS.add(Mnist.images(from, from + 40));
        }
    }

    @AfterAll
    static void close() {
        lenet5.close();
    }

    @Test
    void shardsMergedInAnyOrderGiveOneMachinesDataAndReport() throws IOException {
        CoverageData oneMachine = record(SHARDS);
        Path expected = render(oneMachine, "one-machine");
        for (int[] order : new int[][] {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}}) {
            CoverageData merged = new CoverageData();
            for (int shard : order) {
                Path file = dir.resolve("shard-" + shard + ".json");
                record(List.of(SHARDS.get(shard))).write(file);
                merged.merge(CoverageData.read(file));
            }
            String name = "merged-" + order[0] + order[1] + order[2];
            assertThat(OrderFree.json(merged)).as(name).isEqualTo(OrderFree.json(oneMachine));
            assertThat(files(render(merged, name))).as(name).isEqualTo(files(expected));
        }
        assertThat(files(expected)).containsKeys("index.html", "criteria.html", "deepjunit.xml", "deepjunit.csv");
        assertThat(expected.resolve(CoverageRun.DATA_FILE)).isRegularFile();
    }

    @Test
    void aShardMissingShows() throws IOException {
        CoverageData twoOfThree = record(SHARDS.subList(0, 2));
        assertThat(twoOfThree.toJson()).isNotEqualTo(record(SHARDS).toJson());
    }

    private static CoverageData record(List<Tensor> shards) {
        RecordingSpec spec = RecordingSpec.defaults();
        List<Layer> counted = spec.select(lenet5);
        ModelCoverage coverage = new ModelCoverage(lenet5.name(), "fingerprint", spec, null, counted);
        coverage.request(0.25, true);
        for (Tensor shard : shards) {
            coverage.record(
                    lenet5.neuronValues(shard, counted.stream().map(Layer::name).toList()));
        }
        CoverageData data = new CoverageData();
        data.add(coverage);
        return data;
    }

    private static Path render(CoverageData data, String name) throws IOException {
        Path out = dir.resolve(name);
        NeuronCoverageReport report = CoverageReports.build(data, "shards", CREATED, 0.25, true);
        CoverageReportWriter.write(report, out, into -> data.write(into.resolve(CoverageRun.DATA_FILE)));
        return out;
    }

    /**
     * Every file of a report by relative path, with its bytes as text; but the data file and the growth plots, whose
     * curves follow the order the shards were merged in (the data file's figures are compared without them).
     */
    private static Map<String, String> files(Path report) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(report)) {
            for (Path f : walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(CoverageRun.DATA_FILE))
                    .filter(f -> !report.relativize(f).startsWith("growth"))
                    .toList()) {
                files.put(
                        report.relativize(f).toString(),
                        new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
