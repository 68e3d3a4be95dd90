package org.deepjunit.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * The growth ordinals worked out by hand on one dense layer of three neurons, top-1, NC at t = 0 on scaled values.
 * Inputs, as raw layer outputs: #0 (0, 0, 0), #1 (2, 0, 0), #2 (1, 3, 0) from a test, then #3 (0, 0, 0),
 * #4 (0, 1, 2) generated. Scaled: #0 all 0 (a constant layer), #1 (1, 0, 0), #2 (1/3, 1, 0), #4 (0, 1/2, 1); so NC
 * first covers neuron 0 at #1, neuron 1 at #2, neuron 2 at #4. Top-1: #0 and #3 tie, the lower index wins (0); #1
 * neuron 0, #2 neuron 1, #4 neuron 2; so TKNC first: neuron 0 at #0, 1 at #2, 2 at #4.
 */
public class GrowthTest {

    private static final double[][] TEST = {{0, 0, 0}, {2, 0, 0}, {1, 3, 0}};
    private static final double[][] GENERATED = {{0, 0, 0}, {0, 1, 2}};

    private static ModelCoverage coverage() {
        RecordingSpec spec = new RecordingSpec(4, 1, List.of(), List.of(), null, 0);
        return new ModelCoverage("m", "fp", spec, null, List.of(new Layer("l", LayerKind.DENSE, Shape.of(3))));
    }

    /** A batch as the recorder records it: a fresh delta asking for NC at t = 0 on scaled values. */
    private static ModelCoverage batch(double[][] rows, boolean generated) {
        ModelCoverage delta = coverage();
        delta.request(0, true);
        delta.record(HandValues.of(rows), generated);
        return delta;
    }

    private static long[] firstCovered(ModelCoverage m) {
        LayerCoverage l = m.layers().get("l");
        return new long[] {l.firstCovered(0), l.firstCovered(1), l.firstCovered(2)};
    }

    private static long[] firstInTopK(ModelCoverage m) {
        LayerCoverage l = m.layers().get("l");
        return new long[] {l.firstInTopK(0), l.firstInTopK(1), l.firstInTopK(2)};
    }

    @Test
    void recordingBatchByBatchGivesEachNeuronItsFirstInput() {
        ModelCoverage m = coverage();
        m.request(0, true);
        m.record(HandValues.of(TEST), false);
        assertThat(firstCovered(m)).containsExactly(1, 2, Growth.NEVER);
        m.record(HandValues.of(GENERATED), true);

        assertThat(firstCovered(m)).containsExactly(1, 2, 4);
        assertThat(firstInTopK(m)).containsExactly(0, 2, 4);
        assertThat(m.growth().generatedRanges()).containsExactly(new long[] {3, 5});
        assertThat(m.growth().generated(2)).isFalse();
        assertThat(m.growth().generated(3)).isTrue();
        assertThat(m.growth().ncJudgement()).isEqualTo("0.0 scaled");
    }

    @Test
    void deltasMergedIntoTheRunsDataCountTheirInputsAfterThoseBefore() {
        CoverageData run = new CoverageData();
        run.add(batch(TEST, false));
        run.add(batch(GENERATED, true));
        ModelCoverage m = run.models().get(0);

        assertThat(firstCovered(m)).containsExactly(1, 2, 4);
        assertThat(firstInTopK(m)).containsExactly(0, 2, 4);
        assertThat(m.growth().generatedRanges()).containsExactly(new long[] {3, 5});
    }

    @Test
    void mergingTheOtherWayPutsTheGeneratedInputsFirst() {
        ModelCoverage m = batch(GENERATED, true);
        m.merge(batch(TEST, false));

        // #0 (0,0,0) and #1 (0,1,2) generated, then the test's inputs as #2, #3, #4
        assertThat(firstCovered(m)).containsExactly(3, 1, 1);
        assertThat(firstInTopK(m)).containsExactly(0, 4, 1);
        assertThat(m.growth().generatedRanges()).containsExactly(new long[] {0, 2});
    }

    @Test
    void theDataFileKeepsTheOrdinals() {
        CoverageData run = new CoverageData();
        run.add(batch(TEST, false));
        run.add(batch(GENERATED, true));
        ModelCoverage read = CoverageData.fromJson(run.toJson()).models().get(0);

        assertThat(firstCovered(read)).containsExactly(1, 2, 4);
        assertThat(firstInTopK(read)).containsExactly(0, 2, 4);
        assertThat(read.growth().generatedRanges()).containsExactly(new long[] {3, 5});
        assertThat(read.growth().ncJudgement()).isEqualTo("0.0 scaled");
    }

    /**
     * NBC and SNAC with a profile of bounds [0, 1] for each neuron (slack 1e-5). Inputs #0 (0, 0, 0), #1 (2, 0, 0),
     * #2 (1, 3, −1) from a test, #3 (−0.5, 0, 0), #4 (0, 1, 2) generated: above the upper corner first neuron 0 at #1,
     * neuron 1 at #2, neuron 2 at #4 (1 is inside); below the lower corner neuron 2 at #2, neuron 0 at #3, neuron 1
     * never.
     */
    public static final double[][] CORNERS_TEST = {{0, 0, 0}, {2, 0, 0}, {1, 3, -1}};

    public static final double[][] CORNERS_GENERATED = {{-0.5, 0, 0}, {0, 1, 2}};

    public static ModelCoverage profiled() {
        RecordingSpec spec = new RecordingSpec(4, 1, List.of(), List.of(), null, 0);
        Profile profile = new Profile("fp", "data", 10, java.util.Map.of("l", new double[][] {{0, 0, 0}, {1, 1, 1}}));
        return new ModelCoverage("m", "fp", spec, profile, List.of(new Layer("l", LayerKind.DENSE, Shape.of(3))));
    }

    private static long[][] corners(ModelCoverage m) {
        LayerCoverage l = m.layers().get("l");
        return new long[][] {
            {l.firstAboveCorner(0), l.firstAboveCorner(1), l.firstAboveCorner(2)},
            {l.firstBelowCorner(0), l.firstBelowCorner(1), l.firstBelowCorner(2)}
        };
    }

    @Test
    void withAProfileEachCornerGetsItsFirstInputAndTheDataFileKeepsThem() {
        ModelCoverage m = profiled();
        m.record(HandValues.of(CORNERS_TEST), false);
        ModelCoverage generated = profiled();
        generated.record(HandValues.of(CORNERS_GENERATED), true);
        m.merge(generated);

        assertThat(corners(m)[0]).containsExactly(1, 2, 4);
        assertThat(corners(m)[1]).containsExactly(3, Growth.NEVER, 2);
        assertThat(m.count(Criterion.NBC, 0, true)).containsExactly(5, 6);
        assertThat(m.count(Criterion.SNAC, 0, true)).containsExactly(3, 3);
        ModelCoverage read = CoverageData.fromJson(run(m).toJson()).models().get(0);
        assertThat(corners(read)).isDeepEqualTo(corners(m));
    }

    @Test
    void withoutAProfileNoCornerIsFollowed() {
        ModelCoverage m = batch(CORNERS_TEST, false);
        assertThat(corners(m)[0]).containsOnly(Growth.NEVER);
        assertThat(run(m).toJson().toString()).contains("firstNc").doesNotContain("firstUpper");
    }

    private static CoverageData run(ModelCoverage m) {
        CoverageData data = new CoverageData();
        data.add(m);
        return data;
    }

    @Test
    void recordingsThatAskForDifferentThresholdsFollowNoNcGrowth() {
        ModelCoverage other = coverage();
        other.request(0.5, true);
        other.record(HandValues.of(GENERATED), true);
        ModelCoverage m = batch(TEST, false);
        m.merge(other);

        assertThat(m.growth().ncJudgement()).isEmpty();
    }

    /**
     * A wide batch of mostly zero, some negative values: each neuron's first input above t = 0.5 (scaled) and beyond
     * each corner of a random profile is the one a plain search down its column finds, or never.
     */
    @Test
    void onAWideBatchEachNeuronGetsTheFirstInputThatAPlainSearchFinds() {
        java.util.Random random = new java.util.Random(7);
        int batch = 16;
        int n = 2_000;
        double[][] rows = new double[batch][n];
        for (double[] row : rows) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble() < 0.8 ? 0 : random.nextDouble() * 4 - 1;
            }
        }
        double[][] bounds = new double[2][n];
        for (int j = 0; j < n; j++) {
            bounds[0][j] = -random.nextDouble();
            bounds[1][j] = random.nextDouble() * 3;
        }
        Profile profile = new Profile("fp", "data", 10, java.util.Map.of("l", bounds));
        ModelCoverage m = new ModelCoverage(
                "m",
                "fp",
                new RecordingSpec(4, 1, List.of(), List.of(), null, 0),
                profile,
                List.of(new Layer("l", LayerKind.DENSE, Shape.of(n))));
        m.request(0.5, true);
        org.deepjunit.model.NeuronValues values = HandValues.of(rows);
        m.record(values, false);

        org.deepjunit.model.NeuronValues.LayerValues lv = values.layer("l");
        LayerCoverage l = m.layers().get("l");
        long[][] expected = new long[3][n];
        long[][] actual = new long[3][n];
        for (int j = 0; j < n; j++) {
            expected[0][j] = expected[1][j] = expected[2][j] = Growth.NEVER;
            for (int s = batch - 1; s >= 0; s--) {
                expected[0][j] = lv.scaled(s, j) > 0.5 ? s : expected[0][j];
                expected[1][j] = rows[s][j] > l.upperCorner(j) ? s : expected[1][j];
                expected[2][j] = rows[s][j] < l.lowerCorner(j) ? s : expected[2][j];
            }
            actual[0][j] = l.firstCovered(j);
            actual[1][j] = l.firstAboveCorner(j);
            actual[2][j] = l.firstBelowCorner(j);
        }
        assertThat(actual).isDeepEqualTo(expected);
        assertThat(java.util.Arrays.stream(expected[1]).distinct().count()).isGreaterThan(8); // the search goes deep
    }
}
