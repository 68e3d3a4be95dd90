package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The search through the DL4J adapter, and a user constraint on tabular inputs. */
class DeepXploreOnDl4jAndTabularTest {

    @Test
    void findsDisagreementsBetweenDl4jLeNets() {
        try (Model lenet1 = DeepXploreModels.dl4j(LeNet.LENET1);
                Model lenet5 = DeepXploreModels.dl4j(LeNet.LENET5)) {
            DeepXplore search = new DeepXplore(
                    List.of(lenet1, lenet5),
                    new DeepXplore.Settings(1, 0.1, 10, 0, 20, Constraints.lighting(), 0, 1, null));
            List<DeepXplore.Outcome> outcomes =
                    search.search(Mnist.images(0, 8), new int[] {0, 1, 2, 3, 4, 5, 6, 7}, Mnist.labels(0, 8), 42);
            assertThat(outcomes).hasSize(8);
            long found = outcomes.stream()
                    .filter(o -> o.status() == DeepXplore.Status.FOUND)
                    .count();
            assertThat(found).isGreaterThanOrEqualTo(3);
            for (int i = 0; i < outcomes.size(); i++) {
                DeepXplore.Outcome o = outcomes.get(i);
                Candidate c = o.candidate();
                assertThat(c.seedId()).isEqualTo(i);
                assertThat(c.seed()).isEqualTo(Mnist.images(i, i + 1));
                Tensor x = c.input();
                int p1 = lenet1.predict(x).argMax()[0];
                int p5 = lenet5.predict(x).argMax()[0];
                if (o.status() == DeepXplore.Status.FOUND) {
                    // A real search: the input moved away from its seed, and the models disagree on it when asked
                    // again,
                    // with the answers the candidate reports.
                    assertThat(o.iterations()).isBetween(1, 20);
                    assertThat(maxAbsDifference(x, c.seed())).isGreaterThan(0.01);
                    assertThat(p1).isNotEqualTo(p5);
                    assertThat(c.predictions())
                            .containsExactly(
                                    java.util.Map.entry(lenet1.name(), p1), java.util.Map.entry(lenet5.name(), p5));
                } else if (o.status() == DeepXplore.Status.ALREADY_DIFFER) {
                    assertThat(x).isEqualTo(c.seed());
                    assertThat(p1).isNotEqualTo(p5);
                } else {
                    // Searched to the limit: the last iterate moved, and the models still agree on it.
                    assertThat(o.iterations()).isEqualTo(20);
                    assertThat(maxAbsDifference(x, c.seed())).isGreaterThan(0.01);
                    assertThat(p1).isEqualTo(p5);
                }
            }
        }
    }

    @Test
    void aSpentTimeBudgetStopsTheSearchBeforeItsNextStepAndYieldsOnlyTheFinishedPrefix() {
        try (Model lenet1 = DeepXploreModels.dl4j(LeNet.LENET1);
                Model lenet5 = DeepXploreModels.dl4j(LeNet.LENET5)) {
            DeepXplore.Settings settings =
                    new DeepXplore.Settings(1, 0.1, 10, 0, 20, Constraints.lighting(), 0, 1, null);
            int[] ids = {0, 1, 2, 3, 4, 5, 6, 7};
            List<DeepXplore.Outcome> full =
                    new DeepXplore(List.of(lenet1, lenet5), settings).search(Mnist.images(0, 8), ids, null, 42);
            DeepXplore cut = new DeepXplore(List.of(lenet1, lenet5), settings);
            double before = cut.trackers().get(0).ratio();
            Deadline spent = Deadline.after(java.time.Duration.ofNanos(1));
            List<DeepXplore.Outcome> outcomes = cut.search(Mnist.images(0, 8), ids, null, 42, spent);
            for (int i = 0; i < 8; i++) {
                // No gradient step was taken: what the models already disagree on stands, the rest is unfinished.
                assertThat(outcomes.get(i).status())
                        .isEqualTo(
                                full.get(i).status() == DeepXplore.Status.ALREADY_DIFFER
                                        ? DeepXplore.Status.ALREADY_DIFFER
                                        : DeepXplore.Status.UNFINISHED);
            }
            assertThat(outcomes).anyMatch(o -> o.status() == DeepXplore.Status.UNFINISHED);
            assertThat(cut.trackers().get(0).ratio()).isGreaterThan(before); // the seeds, and nothing found
        }
    }

    @Test
    void seedsTheModelsAlreadyDisagreeOnAreInvocationsAtStepZero() {
        try (Model lenet1 = DeepXploreModels.dl4j(LeNet.LENET1);
                Model lenet5 = DeepXploreModels.dl4j(LeNet.LENET5)) {
            // The first seeds the two disagree on, found by predicting, between seeds they agree on.
            int n = 2000;
            Tensor images = Mnist.images(0, n + 1);
            int[] p1 = lenet1.predict(images).argMax();
            int[] p5 = lenet5.predict(images).argMax();
            int[] order = java.util.stream.IntStream.range(0, n)
                    .filter(i -> p1[i] != p5[i] && p1[i + 1] == p5[i + 1])
                    .limit(3)
                    .flatMap(i -> java.util.stream.IntStream.of(i, i + 1))
                    .toArray();
            assertThat(order).hasSize(6);
            Seeds seeds = new Seeds(
                    List.of("lenet1", "lenet5"),
                    List.of(lenet1, lenet5),
                    new org.deepjunit.data.Dataset(
                            "mnist", Shape.of(28, 28, 1), images.toFloatArray(), Mnist.labels(0, n + 1)),
                    order,
                    order.length,
                    42,
                    0,
                    1,
                    false,
                    Deadline.none());
            DeepXploreSource source = new DeepXploreSource(
                    seeds, new DeepXplore.Settings(1, 0.1, 10, 0, 1, Constraints.lighting(), 0, 1, null));
            List<Candidate> batch = source.nextBatch();
            List<Candidate> atZero = batch.stream()
                    .filter(c -> c.parameters().get("iterations").equals("0"))
                    .toList();
            assertThat(atZero).extracting(Candidate::seedId).containsExactly(order[0], order[2], order[4]);
            for (Candidate c : atZero) {
                assertThat(c.input()).isEqualTo(c.seed());
                assertThat(lenet1.predict(c.input()).argMax()[0])
                        .isNotEqualTo(lenet5.predict(c.input()).argMax()[0]);
            }
            assertThat(source.summary()).contains(atZero.size() + " already made the models disagree (step 0)");
        }
    }

    /** The example of a user constraint: tabular features that may only increase. */
    public static final class OnlyIncrease implements Constraint {
        @Override
        public String name() {
            return "only-increase";
        }

        @Override
        public void constrain(float[] gradient, Shape shape, Random random) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = Math.max(0, gradient[i]);
            }
        }
    }

    private static double maxAbsDifference(Tensor x, Tensor y) {
        double[] a = x.toDoubleArray();
        double[] b = y.toDoubleArray();
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * A 6-8-3 MLP from a seed, with {@code delta} added to hidden unit 3's output weight for class 0
     * and subtracted from its weights for classes 1 and 2: a twin that agrees on some inputs only.
     */
    static Model mlp(long seed, String name, double delta) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("dense")
                        .nIn(6)
                        .nOut(8)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(8)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        INDArray w = net.getLayer(1).getParam("W");
        for (int c = 0; c < 3; c++) {
            w.putScalar(3, c, w.getDouble(3, c) + (c == 0 ? delta : -delta));
        }
        return Dl4jModel.builder(net).name(name).build();
    }

    @Test
    void userConstraintOnTabularDataOnlyIncreasesFeaturesAndStaysInRange() {
        // Two twins, so that most seeds are agreed on and searched (two unrelated random MLPs disagree on
        // nearly every seed, and nothing would be searched). Distinct names: predictions are keyed by name.
        try (Model a = mlp(1, "a", 0);
                Model b = mlp(1, "b", 0.2)) {
            float[] data = new float[16 * 6];
            Random r = new Random(5);
            for (int i = 0; i < data.length; i++) {
                data[i] = r.nextFloat() * 0.5f;
            }
            Tensor seeds = Tensor.of(data, 16, 6);
            DeepXplore search = new DeepXplore(
                    List.of(a, b), new DeepXplore.Settings(1, 0.1, 0.05, 0, 20, new OnlyIncrease(), 0, 1, null));
            int[] ids = new int[16];
            for (int i = 0; i < 16; i++) {
                ids[i] = i;
            }
            List<DeepXplore.Outcome> outcomes = search.search(seeds, ids, null, 3);
            assertThat(outcomes).hasSize(16);
            int found = 0;
            for (DeepXplore.Outcome o : outcomes) {
                Candidate c = o.candidate();
                float[] seed = c.seed().toFloatArray();
                float[] x = c.input().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertThat(x[i]).isGreaterThanOrEqualTo(seed[i]).isLessThanOrEqualTo(1f);
                }
                // Predicted again: the models' answers on the candidate, compared with what the search reports.
                int pa = a.predict(c.input()).argMax()[0];
                int pb = b.predict(c.input()).argMax()[0];
                switch (o.status()) {
                    case FOUND -> {
                        found++;
                        assertThat(maxAbsDifference(c.input(), c.seed())).isPositive();
                        assertThat(pa).isNotEqualTo(pb);
                        assertThat(c.predictions())
                                .containsExactly(java.util.Map.entry("a", pa), java.util.Map.entry("b", pb));
                    }
                    case ALREADY_DIFFER -> {
                        assertThat(c.input()).isEqualTo(c.seed());
                        assertThat(pa).isNotEqualTo(pb);
                    }
                    case NOT_FOUND -> assertThat(pa).isEqualTo(pb);
                }
            }
            // Measured: 12 of the 16 seeds agreed on, 5 found (10 of the 12 moved).
            long searched = outcomes.stream()
                    .filter(o -> o.status() != DeepXplore.Status.ALREADY_DIFFER)
                    .count();
            assertThat(searched).isEqualTo(12);
            assertThat(found).isGreaterThanOrEqualTo(3);
        }
    }
}
