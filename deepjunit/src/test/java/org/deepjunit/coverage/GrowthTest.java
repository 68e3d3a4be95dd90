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
class GrowthTest {

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

    @Test
    void recordingsThatAskForDifferentThresholdsFollowNoNcGrowth() {
        ModelCoverage other = coverage();
        other.request(0.5, true);
        other.record(HandValues.of(GENERATED), true);
        ModelCoverage m = batch(TEST, false);
        m.merge(other);

        assertThat(m.growth().ncJudgement()).isEmpty();
    }
}
