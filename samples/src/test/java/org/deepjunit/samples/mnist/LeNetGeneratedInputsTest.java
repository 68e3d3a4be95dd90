package org.deepjunit.samples.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deepjunit.generation.ConstraintType;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.GeneratedInputs;
import org.deepjunit.model.Model;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.TestModel;

/**
 * DeepXplore on DeepXplore's own models: a joint gradient search over LeNet-1, LeNet-4 and LeNet-5 turns
 * MNIST digits into inputs on which the three disagree, under each of the paper's domain constraints.
 * Every difference-inducing input is an invocation of the test method, and is saved as a PNG under
 * {@code target/deepjunit/generated/} (see {@code generated/index.html}).
 *
 * <p>The search needs an input gradient per step: it runs on the TensorFlow twins, where one costs about
 * 3 ms per batch against 110-180 ms in DL4J. Each method searches a seeded sample of {@value #SEEDS} test
 * images and keeps at most {@value #COUNT} inputs; the build caps each method at 60 s
 * ({@code deepjunit.generation.maxTime} in pom.xml).
 *
 * <p>The tests check what must hold for every generated input: it is a valid image (pixels in [0, 1]), it
 * obeys its constraint, and the models really disagree on it. {@code @NeuronCoverage} adds the neurons the
 * generated inputs activate to the twins' coverage.
 */
@NeuronCoverage
class LeNetGeneratedInputsTest {

    static final int SEEDS = 200;
    static final int COUNT = 20;

    @TestModel("lenet1")
    static Model lenet1() {
        return LeNets.tensorflow("lenet1", "lenet1-tf");
    }

    @TestModel("lenet4")
    static Model lenet4() {
        return LeNets.tensorflow("lenet4", "lenet4-tf");
    }

    @TestModel("lenet5")
    static Model lenet5() {
        return LeNets.tensorflow("lenet5", "lenet5-tf");
    }

    /** Lighting: the whole image gets brighter or darker by one amount. */
    @GeneratedInputs(models = {"lenet1", "lenet4", "lenet5"}, seedSource = LeNets.MNIST_IMAGES,
            labels = LeNets.MNIST_LABELS, seeds = SEEDS, count = COUNT, maxTime = "30s")
    @DeepXploreSearch(constraint = ConstraintType.LIGHTING)
    void lighting(GeneratedInput input, @TestModel("lenet1") Model lenet1, @TestModel("lenet4") Model lenet4,
                  @TestModel("lenet5") Model lenet5) {
        float[] seed = input.seed().toFloatArray();
        float[] x = input.tensor().toFloatArray();
        assertValidImage(x);
        // Every pixel moves by the same amount at each step, clipped to [0, 1]: a monotone map of the seed's
        // pixels, so a pixel never ends up brighter than one that was brighter in the seed.
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> seed[i]));
        for (int k = 1; k < order.length; k++) {
            int darker = order[k - 1];
            int brighter = order[k];
            assertThat(x[brighter]).as("pixel %d (seed %.3f) against pixel %d (seed %.3f)", brighter,
                    seed[brighter], darker, seed[darker]).isGreaterThanOrEqualTo(x[darker]);
        }
        assertModelsDisagree(input, lenet1, lenet4, lenet5);
    }

    /** Occlusion: only a 10 x 10 patch in the middle of the digit changes. */
    @GeneratedInputs(models = {"lenet1", "lenet4", "lenet5"}, seedSource = LeNets.MNIST_IMAGES,
            labels = LeNets.MNIST_LABELS, seeds = SEEDS, count = COUNT, maxTime = "30s")
    @DeepXploreSearch(constraint = ConstraintType.OCCLUSION, occlusion = {9, 9, 10, 10})
    void occlusion(GeneratedInput input, @TestModel("lenet1") Model lenet1, @TestModel("lenet4") Model lenet4,
                   @TestModel("lenet5") Model lenet5) {
        float[] seed = input.seed().toFloatArray();
        float[] x = input.tensor().toFloatArray();
        assertValidImage(x);
        for (int i = 0; i < x.length; i++) {
            int row = i / 28;
            int col = i % 28;
            boolean inside = row >= 9 && row < 19 && col >= 9 && col < 19;
            if (!inside) {
                assertThat(x[i]).as("pixel (%d, %d) outside the patch", row, col).isEqualTo(seed[i]);
            }
        }
        assertThat(input.l0()).isLessThanOrEqualTo(100);
        assertModelsDisagree(input, lenet1, lenet4, lenet5);
    }

    /** Blackout: small black squares; a pixel may only get darker. */
    @GeneratedInputs(models = {"lenet1", "lenet4", "lenet5"}, seedSource = LeNets.MNIST_IMAGES,
            labels = LeNets.MNIST_LABELS, seeds = SEEDS, count = COUNT, maxTime = "30s")
    @DeepXploreSearch(constraint = ConstraintType.BLACKOUT, blackout = {6, 1})
    void blackout(GeneratedInput input, @TestModel("lenet1") Model lenet1, @TestModel("lenet4") Model lenet4,
                  @TestModel("lenet5") Model lenet5) {
        float[] seed = input.seed().toFloatArray();
        float[] x = input.tensor().toFloatArray();
        assertValidImage(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).as("pixel %d", i).isLessThanOrEqualTo(seed[i]);
        }
        assertModelsDisagree(input, lenet1, lenet4, lenet5);
    }

    static void assertValidImage(float[] x) {
        assertThat(x).hasSize(28 * 28);
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    /** Runs the three models on the input (recording their coverage) and checks that they do not all agree. */
    static void assertModelsDisagree(GeneratedInput input, Model lenet1, Model lenet4, Model lenet5) {
        Map<String, Model> models = Map.of("lenet1", lenet1, "lenet4", lenet4, "lenet5", lenet5);
        Set<Integer> answers = new HashSet<>();
        models.forEach((name, model) -> {
            int answer = model.predict(input.tensor()).argMax()[0];
            assertThat(answer).as("%s's answer, as the search recorded it", name)
                    .isEqualTo(input.predictions().get(name));
            answers.add(answer);
        });
        assertThat(input.disagreement()).isTrue();
        assertThat(answers).as("the models' answers on %s", input.displayName()).hasSizeGreaterThan(1);
    }
}
