package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.generation.DeepXplore.Outcome;
import org.deepjunit.generation.DeepXplore.Status;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
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
 * seeds' own, both baselines measured here. Where the seeds leave no room at t = 0 (occlusion), the
 * rise is shown at t = 0.5.
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
        mnist = Datasets.load(
                "classpath:/mnist/t10k-images-idx3-ubyte.gz", "classpath:/mnist/t10k-labels-idx1-ubyte.gz", Double.NaN);
    }

    @AfterAll
    static void close() {
        lenets.forEach(Model::close);
    }

    record Run(int agreeing, int alreadyDiffer, int found, double[] seedNc, double[] totalNc, List<Outcome> outcomes) {}

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
        List<String> names = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            names.add("m" + m + "-" + models.get(m).name()); // distinct even for two copies of one model
        }
        DeepXplore search = new DeepXplore(
                names, models, new DeepXplore.Settings(1, 0.1, 10, threshold, 50, constraint, 0, 1, null));
        List<Outcome> outcomes = new ArrayList<>();
        for (int from = 0; from < ids.length; from += 50) {
            int[] batch = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 50));
            int[] labels = java.util.Arrays.stream(batch)
                    .map(i -> mnist.label(i).getAsInt())
                    .toArray();
            outcomes.addAll(search.search(mnist.batch(batch), batch, labels, runSeed));
        }
        double[] totalNc =
                search.trackers().stream().mapToDouble(CoverageTracker::ratio).toArray();
        int differ = (int) outcomes.stream()
                .filter(o -> o.status() == Status.ALREADY_DIFFER)
                .count();
        int found =
                (int) outcomes.stream().filter(o -> o.status() == Status.FOUND).count();
        return new Run(SEEDS - differ, differ, found, seedNc, totalNc, outcomes);
    }

    // Run seed 42, 100 seeds, 96 of which all three LeNets agree on. The found bars sit just below
    // what the search gives today and the coverage rises are the ones measured (in neurons: LeNet-1/4/5
    // have 52/148/268): re-measure whenever the search changes.
    static final int AGREEING = 96;

    @Test
    void lightingFindsDisagreementsForMostSeedsAndRaisesCoverage() {
        // Measured: found 90 of 96; NC at t=0 1.000/0.986/0.955 -> 1.000/1.000/0.963 (LeNet-1 is full already).
        check(Constraints.lighting(), 88, 0, LeNet.LENET4, LeNet.LENET5);
    }

    @Test
    void lightingAtThresholdHalfRaisesCoverageWhereSeedsLeaveRoom() {
        // Measured: found 90 of 96; NC at t=0.5 0.385/0.662/0.657 -> 0.538/0.784/0.720.
        check(Constraints.lighting(), 88, 0.5, LeNet.values());
    }

    @Test
    void occlusionFindsDisagreementsForMostSeeds() {
        // Measured: found 54 of 96. At t=0 the seeds already cover 1.000/0.986/0.955 and the generated
        // inputs add no neuron on any model, so this test checks only that coverage does not fall.
        check(Constraints.occlusion(10, 10, 10, 10), 51, 0);
    }

    @Test
    void occlusionAtThresholdHalfRaisesLeNet5Coverage() {
        // Measured: found 54 of 96; NC at t=0.5 0.385/0.662/0.657 -> 0.385/0.662/0.668 (LeNet-5: 176 -> 179 neurons).
        check(Constraints.occlusion(10, 10, 10, 10), 51, 0.5, LeNet.LENET5);
    }

    @Test
    void blackoutFindsDisagreementsAndRaisesLeNet5Coverage() {
        // Measured: found 60 of 96; NC at t=0 1.000/0.986/0.955 -> 1.000/0.986/0.963 (LeNet-5: 256 -> 258 neurons).
        check(Constraints.blackout(6, 1), 57, 0, LeNet.LENET5);
    }

    /**
     * @param minFound the least number of the {@value #AGREEING} searched seeds that must give a
     *                 difference-inducing input
     * @param mustRise the models whose coverage must rise strictly; the others' must not fall
     */
    private static void check(Constraint constraint, int minFound, double threshold, LeNet... mustRise) {
        Run r = run(lenets, constraint, 42, threshold);
        System.out.printf(
                Locale.ROOT,
                "[proof] t=%.2f %-9s seeds %d, already differ %d, searched %d, found %d (%.0f%%); "
                        + "NC seeds %s -> seeds+generated %s%n",
                threshold,
                constraint.name(),
                SEEDS,
                r.alreadyDiffer(),
                r.agreeing(),
                r.found(),
                100.0 * r.found() / r.agreeing(),
                fmt(r.seedNc()),
                fmt(r.totalNc()));
        assertThat(r.agreeing()).isEqualTo(AGREEING);
        assertThat(r.found())
                .as("difference-inducing inputs found, of %d searched", AGREEING)
                .isGreaterThanOrEqualTo(minFound);
        List<LeNet> rising = List.of(mustRise);
        for (int m = 0; m < lenets.size(); m++) {
            LeNet net = LeNet.values()[m];
            if (rising.contains(net)) {
                assertThat(r.totalNc()[m])
                        .as("%s coverage at t=%s, seeds+generated vs seeds", net, threshold)
                        .isGreaterThan(r.seedNc()[m]);
            } else {
                assertThat(r.totalNc()[m]).isGreaterThanOrEqualTo(r.seedNc()[m]);
            }
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
                List<Integer> again = lenets.stream()
                        .map(m -> m.predict(c.input()).argMax()[0])
                        .toList();
                assertThat(again).isEqualTo(List.copyOf(c.predictions().values()));
            }
        }
    }

    @Test
    void twoIdenticalModelsNeverDisagree() {
        try (Model a = DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("same-a"));
                Model b = DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("same-b"))) {
            Run r = run(List.of(a, b), Constraints.lighting(), 7);
            System.out.printf(
                    Locale.ROOT,
                    "[proof] identical models: already differ %d, found %d%n",
                    r.alreadyDiffer(),
                    r.found());
            assertThat(r.alreadyDiffer()).isZero();
            assertThat(r.found()).isZero();
        }
    }

    @Test
    void sameRunSeedSameInputsWhateverTheTiming() {
        Run first = run(lenets.subList(0, 2), Constraints.blackout(6, 1), 99);
        Run second = run(lenets.subList(0, 2), Constraints.blackout(6, 1), 99);
        for (int i = 0; i < first.outcomes().size(); i++) {
            assertThat(second.outcomes().get(i).candidate().input())
                    .isEqualTo(first.outcomes().get(i).candidate().input());
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
