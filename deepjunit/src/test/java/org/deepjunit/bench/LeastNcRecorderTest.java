package org.deepjunit.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.RecordingSpec;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

/** The wide-layer benchmark's lower bound does the recorder's arithmetic, which its own check holds it to. */
class LeastNcRecorderTest {

    private static final int BATCH = 8;
    private static final int NEURONS = 1_001; // odd, so that the two halves differ in size

    @Test
    void givesEachNeuronTheExtremesThatModelCoverageRecords() {
        float[] values = reluValues();
        double[][] e = WideLayerRoutesBenchmark.extremes(values, BATCH);
        LayerCoverage recorded = record(values, e);
        LeastNcRecorder least = new LeastNcRecorder(values, BATCH, e[0], e[1]);
        for (boolean twoThreads : new boolean[] {false, true}) {
            least.run(twoThreads);
            assertThatCode(() -> least.checkSameAs(recorded, twoThreads)).doesNotThrowAnyException();
        }
    }

    @Test
    void itsCheckFailsWhereOneValueDiffers() {
        float[] values = reluValues();
        double[][] e = WideLayerRoutesBenchmark.extremes(values, BATCH);
        LayerCoverage recorded = record(values, e);
        values[3 * NEURONS + 700] = 100f; // one input of a neuron in the second half, above every other value
        LeastNcRecorder least = new LeastNcRecorder(values, BATCH, e[0], e[1]);
        least.run(true);
        assertThatThrownBy(() -> least.checkSameAs(recorded, true)).hasMessageContaining("neuron 700");
    }

    private static LayerCoverage record(float[] values, double[][] e) {
        RecordingSpec ncOnly = new RecordingSpec(RecordingSpec.DEFAULT_K, 0, List.of(), List.of(), null, Double.NaN);
        ModelCoverage coverage = new ModelCoverage(
                "m", "f", ncOnly, null, List.of(new Layer("dense", LayerKind.DENSE, Shape.of(BATCH, NEURONS))));
        coverage.record(new NeuronValues(
                null, Map.of("dense", NeuronValues.LayerValues.ofFloats("dense", BATCH, NEURONS, values, e[0], e[1]))));
        return coverage.layers().get("dense");
    }

    private static float[] reluValues() {
        Random random = new Random(7);
        float[] values = new float[BATCH * NEURONS];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(0f, (float) random.nextGaussian());
        }
        return values;
    }
}
