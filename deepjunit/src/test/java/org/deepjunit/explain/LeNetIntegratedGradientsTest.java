package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * Integrated gradients on DeepXplore's LeNet-5 in both adapters: completeness within 1% with 256 steps, the two
 * frameworks' attributions alike, and occlusion's attribution on the digit. Measured on the first 40 test images and both
 * probability scores, the worst completeness error was 1.8% at 50 steps, 1.1% at 128, 0.59% at 256 and 0.34% at 400:
 * ReLU and max-pool kinks make the Riemann sum converge unevenly.
 */
class LeNetIntegratedGradientsTest {

    private static final int STEPS = 256;
    private static Model tf;
    private static Model dl4j;

    @BeforeAll
    static void load(@TempDir Path dir) {
        tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"));
        dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
    }

    @AfterAll
    static void close() {
        tf.close();
        dl4j.close();
    }

    @Test
    void completenessErrorIsBelowOnePercentOnTensorFlow() {
        Tensor images = Mnist.images(0, 12);
        double worst = 0;
        for (Score score : new Score[] {Score.AUTO, Score.PROBABILITY}) {
            for (int i = 0; i < images.batchSize(); i++) {
                Tensor image = images.sample(i);
                Attribution a = Explain.integratedGradients(tf)
                        .steps(STEPS)
                        .internalBatchSize(64)
                        .score(score)
                        .explain(image);
                assertThat(a.score()).isIn(Score.LOG_PROBABILITY, Score.PROBABILITY);
                AttributionAssert.assertThat(a).hasCompletenessErrorBelow(0.01);
                worst = Math.max(worst, a.relativeCompletenessError());
            }
        }
        System.out.printf(
                "IG on TF LeNet-5, %d steps, 12 images: worst completeness error %.3f%%%n", STEPS, 100 * worst);
        // hiding the seven's strokes costs more than hiding the background (measured: 0.70 of the mass on its 105
        // pixels); the gradient methods put most of theirs on the background, where max-pool windows tie
        Tensor seven = images.sample(0);
        Mask digit = Mask.above(seven, 0.1);
        AttributionAssert.assertThat(Explain.occlusion(tf).explain(seven)).hasMassInsideAtLeast(digit, 0.6);
        AttributionAssert.assertThat(Explain.saliency(tf).explain(seven)).hasMassInsideAtMost(digit, 0.4);
    }

    @Test
    void dl4jGivesTheSameAttributionWithinOnePercent() {
        Tensor images = Mnist.images(20, 22);
        for (int i = 0; i < images.batchSize(); i++) {
            Tensor image = images.sample(i);
            Attribution d = Explain.integratedGradients(dl4j)
                    .steps(STEPS)
                    .internalBatchSize(64)
                    .explain(image);
            Attribution t = Explain.integratedGradients(tf).steps(STEPS).explain(image);
            AttributionAssert.assertThat(d).hasCompletenessErrorBelow(0.01);
            assertThat(d.targetClass()).isEqualTo(t.targetClass());
            assertThat(d.output()).isCloseTo(t.output(), org.assertj.core.api.Assertions.within(1e-3));
            assertThat(t.relativeDistance(d)).as("DL4J vs TF, image %d", 20 + i).isLessThan(0.05);
            AttributionAssert.assertThat(d).hasRankCorrelationAtLeast(t.values(), 0.95);
        }
    }
}
