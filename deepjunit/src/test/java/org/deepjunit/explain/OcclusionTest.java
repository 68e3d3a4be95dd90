package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.TensorPipeline;
import org.junit.jupiter.api.Test;

/** Occlusion against hand computation on linear models, with and without gradients. */
class OcclusionTest {

    private static final int H = 4;
    private static final int WIDTH = 5;
    private static final double[][] W = ExplainNets.weights(31, 2, H * WIDTH);
    private static final double[] B = {0.3, -0.2};

    @Test
    void onePixelPatchesOnALinearModelGiveTheWeightsTimesTheInputs() {
        try (Model linear = ExplainNets.linear("linear-image", W, B, H)) {
            assertThat(linear.inputShape()).isEqualTo(Shape.of(H, WIDTH, 1));
            Tensor x = ExplainNets.uniform(32, 0, 1, 1, H, WIDTH, 1);
            Attribution a =
                    Explain.occlusion(linear).patch(1, 1).stride(1, 1).target(1).explain(x);
            assertThat(a.score()).isEqualTo(Score.LOGIT);
            for (int i = 0; i < H * WIDTH; i++) {
                assertThat(a.values().getDouble(i))
                        .as("pixel %d", i)
                        .isCloseTo(W[1][i] * x.getDouble(i), within(1e-12));
            }
            // and so do gradient × input and integrated gradients from zeros
            assertThat(Explain.gradientTimesInput(linear)
                            .target(1)
                            .explain(x)
                            .values()
                            .maxAbsDifference(a.values()))
                    .isLessThan(1e-12);
        }
    }

    /** A model that only predicts: overlapping 2x2 patches, each pixel the mean drop of the patches covering it. */
    @Test
    void overlappingPatchesAverageTheirDropsOnAModelWithoutGradients() {
        Model plain = ExplainNets.predictOnly("plain", W, B, Shape.of(H, WIDTH, 1));
        Tensor x = ExplainNets.uniform(33, 0, 1, 1, H, WIDTH, 1);
        double baseline = 0.25;
        Attribution a = Explain.occlusion(plain)
                .patch(2, 2)
                .stride(1, 1)
                .baselineValue(baseline)
                .target(0)
                .explain(x);
        double[] expected = new double[H * WIDTH];
        int[] count = new int[H * WIDTH];
        for (int top = 0; top + 2 <= H; top++) {
            for (int left = 0; left + 2 <= WIDTH; left++) {
                double drop = 0;
                for (int y = top; y < top + 2; y++) {
                    for (int c = left; c < left + 2; c++) {
                        drop += W[0][y * WIDTH + c] * (x.getDouble(y * WIDTH + c) - baseline);
                    }
                }
                for (int y = top; y < top + 2; y++) {
                    for (int c = left; c < left + 2; c++) {
                        expected[y * WIDTH + c] += drop;
                        count[y * WIDTH + c]++;
                    }
                }
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(a.values().getDouble(i)).as("pixel %d", i).isCloseTo(expected[i] / count[i], within(1e-12));
        }
        assertThatThrownBy(() -> Explain.saliency(plain).explain(x)).hasMessageContaining("computes no gradients");
    }

    @Test
    void aStrideThatMissesTheEdgeAddsAPatchFlushWithIt() {
        Model plain = ExplainNets.predictOnly("plain", W, B, Shape.of(H, WIDTH, 1));
        Tensor x = ExplainNets.uniform(34, 0, 1, 1, H, WIDTH, 1);
        // width 5, patch 2, stride 2: columns 0-1, 2-3 and the flush 3-4; rows 0-1, 2-3
        Attribution a =
                Explain.occlusion(plain).patch(2, 2).stride(2, 2).target(1).explain(x);
        double last = W[1][4] * x.getDouble(4)
                + W[1][3] * x.getDouble(3)
                + W[1][9] * x.getDouble(9)
                + W[1][8] * x.getDouble(8);
        assertThat(a.values().getDouble(4)).isCloseTo(last, within(1e-12));
        double middle = W[1][2] * x.getDouble(2)
                + W[1][3] * x.getDouble(3)
                + W[1][7] * x.getDouble(7)
                + W[1][8] * x.getDouble(8);
        assertThat(a.values().getDouble(3))
                .as("column 3 is in two patches")
                .isCloseTo((middle + last) / 2, within(1e-12));
    }

    @Test
    void vectorsArePatchedAlongTheirFeatures() {
        double[][] w = ExplainNets.weights(35, 2, 7);
        Model plain = ExplainNets.predictOnly("tabular", w, new double[2], Shape.of(7));
        Tensor x = ExplainNets.uniform(36, -1, 1, 1, 7);
        Attribution a =
                Explain.occlusion(plain).patch(3, 1).stride(3, 1).target(0).explain(x);
        for (int i = 0; i < 7; i++) {
            assertThat(a.values().getDouble(i)).isCloseTo(w[0][i] * x.getDouble(i), within(1e-12));
        }
    }

    @Test
    void aPipelineEndingInSoftmaxIsExplainedByItsLogProbability() {
        Model plain = ExplainNets.predictOnly("plain", W, B, Shape.of(H, WIDTH, 1));
        try (TensorPipeline pipeline = TensorPipeline.builder("softmax-pipeline", Shape.of(H, WIDTH, 1))
                .model(plain)
                .then(Outputs.softmax())
                .build()) {
            Tensor x = ExplainNets.uniform(37, 0, 1, 1, H, WIDTH, 1);
            Attribution a = Explain.occlusion(pipeline)
                    .patch(1, 1)
                    .stride(1, 1)
                    .target(0)
                    .explain(x);
            assertThat(a.score()).isEqualTo(Score.LOG_PROBABILITY);
            // one pixel to zero: log p0 = z0 − logsumexp(z) drops by the change in both
            double[] v = x.toDoubleArray();
            double before = logP0(v);
            v[7] = 0;
            assertThat(a.values().getDouble(7)).isCloseTo(before - logP0(v), within(1e-12));
        }
    }

    private static double logP0(double[] v) {
        double z0 = B[0];
        double z1 = B[1];
        for (int i = 0; i < v.length; i++) {
            z0 += W[0][i] * v[i];
            z1 += W[1][i] * v[i];
        }
        return z0 - Math.log(Math.exp(z0) + Math.exp(z1));
    }

    @Test
    void patchesMustFit() {
        Model plain = ExplainNets.predictOnly("plain", W, B, Shape.of(H, WIDTH, 1));
        Tensor x = ExplainNets.uniform(38, 0, 1, 1, H, WIDTH, 1);
        assertThatThrownBy(() -> Explain.occlusion(plain).patch(5, 2).explain(x))
                .hasMessage("Patch 5x2 is larger than the input [4, 5, 1] of model 'plain'");
        assertThatThrownBy(() -> Explain.occlusion(plain).patch(0, 2)).hasMessage("A patch is at least 1x1, got 0x2");
        assertThatThrownBy(() -> Explain.occlusion(plain).stride(1, 0)).hasMessage("A stride is at least 1x1, got 1x0");
        Model deep = ExplainNets.predictOnly("video", W, B, Shape.of(1, H, WIDTH, 1));
        assertThatThrownBy(() -> Explain.occlusion(deep).explain(ExplainNets.uniform(1, 0, 1, 1, 1, H, WIDTH, 1)))
                .hasMessageContaining("Occlusion takes images [h, w, c] or [h, w] and vectors [f], but model 'video'"
                        + " takes [1, 4, 5, 1]");
    }
}
