package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Progress;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.metrics.Predictions;

/**
 * Runs perturbations over a labelled dataset, in batches so that memory stays bounded, and measures what they do
 * to a model or pipeline. An attack perturbs only the samples the model classifies correctly (the others count as
 * not robust, as RobustBench counts them); a corruption perturbs every sample. Every perturbed input is predicted
 * again, after rounding to 256 levels of the valid range with {@link #quantized8Bit}, so the figures hold for the
 * inputs an image pipeline would really receive.
 *
 * <pre>{@code
 * Robustness robustness = Robustness.of(lenet5, mnistTest).batchSize(64);
 * RobustnessResult fgsm = robustness.run(Attacks.fgsm(0.1));
 * fgsm.robustAccuracy();          // share still classified correctly
 * fgsm.perturbed();               // an Evaluation for quality gates: "lenet5 under fgsm(eps=0.1)"
 * double median = robustness.minimalPerturbation(Attacks.fgsm(0.5), 8).median();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Robustness {

    private final Model model;
    private final Dataset data;
    private final int batchSize;
    private final PrintStream progress;
    private final boolean quantized;
    private final int keep;
    /** The clean evaluation, computed once and shared by every copy of the same model and data. */
    private final AtomicReference<Evaluation> clean;

    private Robustness(
            Model model,
            Dataset data,
            int batchSize,
            PrintStream progress,
            boolean quantized,
            int keep,
            AtomicReference<Evaluation> clean) {
        this.model = Objects.requireNonNull(model, "model");
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize);
        }
        if (keep < 0) {
            throw new IllegalArgumentException("The number of examples to keep must be >= 0, got " + keep);
        }
        this.batchSize = batchSize;
        this.progress = progress;
        this.quantized = quantized;
        this.keep = keep;
        this.clean = clean;
    }

    /** Measures {@code model} on every sample of the labelled {@code data}: batches of 64, progress to stdout. */
    public static Robustness of(Model model, Dataset data) {
        return new Robustness(model, data, 64, System.out, false, 10, new AtomicReference<>());
    }

    /** At most {@code batchSize} inputs in the model at once (with their gradients, for white-box attacks). */
    public Robustness batchSize(int batchSize) {
        return new Robustness(model, data, batchSize, progress, quantized, keep, clean);
    }

    /** Where a progress line goes every ten seconds of a long run; {@code null} for none. */
    public Robustness progress(PrintStream progress) {
        return new Robustness(model, data, batchSize, progress, quantized, keep, clean);
    }

    /** Whether perturbed inputs are rounded to 256 levels of the valid range before they are predicted again. */
    public Robustness quantized8Bit(boolean quantized) {
        return new Robustness(model, data, batchSize, progress, quantized, keep, clean);
    }

    /** How many adversarial examples a result keeps (the first found, in dataset order); 10 by default. */
    public Robustness keepExamples(int keep) {
        return new Robustness(model, data, batchSize, progress, quantized, keep, clean);
    }

    /** The model or pipeline measured. */
    public Model model() {
        return model;
    }

    /** Runs {@code perturbation} over the dataset. */
    public RobustnessResult run(Perturbation perturbation) {
        Evaluation clean = clean();
        int n = data.size();
        int[] labels = clean.predictions().labels();
        int[] cleanPredicted = clean.predictions().predicted();
        double[][] scores = new double[n][];
        List<AdversarialExample> examples = new ArrayList<>();
        Counts counts = new Counts();
        Progress lines = new Progress(progress, perturbation.name() + " on " + model.name(), n, "inputs");
        for (int from = 0; from < n; from += batchSize) {
            int[] ids = range(from, Math.min(n, from + batchSize));
            Tensor inputs = data.batch(ids);
            int[] batchLabels = Arrays.stream(ids).map(i -> labels[i]).toArray();
            boolean[] attacked = new boolean[ids.length];
            for (int a = 0; a < ids.length; a++) {
                attacked[a] = !(perturbation instanceof Attack) || cleanPredicted[ids[a]] == labels[ids[a]];
            }
            Tensor perturbed = perturb(perturbation, inputs, batchLabels, attacked, counts);
            Tensor seen = quantized ? quantize(perturbed, perturbation) : perturbed;
            Tensor out = model.predict(seen);
            int k = out.shape().dim(1);
            double[] flat = out.toDoubleArray();
            int[] predicted = out.argMax();
            int[] before = quantized ? model.predict(perturbed).argMax() : predicted;
            for (int a = 0; a < ids.length; a++) {
                scores[ids[a]] = Arrays.copyOfRange(flat, a * k, (a + 1) * k);
                boolean cleanRight = cleanPredicted[ids[a]] == labels[ids[a]];
                if (!cleanRight) {
                    continue;
                }
                counts.correct++;
                if (predicted[a] != labels[ids[a]]) {
                    counts.fooled++;
                    if (examples.size() < keep) {
                        examples.add(new AdversarialExample(
                                ids[a], labels[ids[a]], inputs.sample(a), seen.sample(a), predicted[a]));
                    }
                } else if (before[a] != labels[ids[a]]) {
                    counts.lostInQuantization++;
                }
            }
            lines.done(ids[ids.length - 1] + 1);
        }
        String condition = perturbation.name() + (quantized ? " 8-bit" : "");
        Evaluation perturbedEvaluation = clean.under(condition, new Predictions(labels, scores));
        return new RobustnessResult(
                perturbation,
                clean,
                perturbedEvaluation,
                counts.correct,
                counts.fooled,
                counts.lostInQuantization,
                counts.queries,
                examples);
    }

    private Tensor perturb(Perturbation p, Tensor inputs, int[] labels, boolean[] attacked, Counts counts) {
        if (!(p instanceof Attack attack)) {
            return p.apply(model, inputs, labels);
        }
        int[] chosen =
                IntStream.range(0, attacked.length).filter(a -> attacked[a]).toArray();
        if (chosen.length == 0) {
            return inputs;
        }
        Tensor subset =
                Tensor.concat(Arrays.stream(chosen).mapToObj(inputs::sample).toArray(Tensor[]::new));
        double[] eps = new double[chosen.length];
        Arrays.fill(eps, attack.epsilon());
        Attack.Outcome outcome = attack.attack(
                model, subset, Arrays.stream(chosen).map(a -> labels[a]).toArray(), eps);
        counts.queries += outcome.queries();
        double[] values = inputs.toDoubleArray();
        double[] adversarial = outcome.inputs().toDoubleArray();
        int d = values.length / attacked.length;
        for (int c = 0; c < chosen.length; c++) {
            System.arraycopy(adversarial, c * d, values, chosen[c] * d, d);
        }
        return Tensor.wrap(values, inputs.shape());
    }

    /** Rounds every value to the nearest of 256 levels spanning the perturbation's valid range. */
    static Tensor quantize(Tensor inputs, Perturbation p) {
        double[] v = inputs.toDoubleArray();
        double step = (p.max() - p.min()) / 255;
        for (int j = 0; j < v.length; j++) {
            v[j] = p.min() + Math.rint((v[j] - p.min()) / step) * step;
        }
        return Tensor.wrap(v, inputs.shape());
    }

    /**
     * The smallest ε at which {@code attack} fools the model, per correctly classified sample, found by bisection
     * over {@code (0, attack.epsilon()]} in {@code steps} halvings (precision ε/2^steps); a sample the attack does not
     * fool at its own ε is unbroken and counts as +∞.
     */
    public MinimalPerturbation minimalPerturbation(Attack attack, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("The bisection needs at least one step, got " + steps);
        }
        Evaluation clean = clean();
        int[] labels = clean.predictions().labels();
        int[] cleanPredicted = clean.predictions().predicted();
        List<Double> found = new ArrayList<>();
        Progress lines =
                new Progress(progress, "minimal ε of " + attack.name() + " on " + model.name(), data.size(), "inputs");
        for (int from = 0; from < data.size(); from += batchSize) {
            int[] ids = Arrays.stream(range(from, Math.min(data.size(), from + batchSize)))
                    .filter(i -> cleanPredicted[i] == labels[i])
                    .toArray();
            if (ids.length > 0) {
                for (double e : Bisection.smallestEpsilons(
                        model,
                        attack,
                        data.batch(ids),
                        Arrays.stream(ids).map(i -> labels[i]).toArray(),
                        steps)) {
                    found.add(e);
                }
            }
            lines.done(Math.min(data.size(), from + batchSize));
        }
        return new MinimalPerturbation(
                attack, found.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The model on the clean dataset, evaluated at the first run. */
    private Evaluation clean() {
        return clean.updateAndGet(e -> e != null ? e : Evaluation.of(model, data));
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    /** What a run counts over its batches. */
    private static final class Counts {
        int correct;
        int fooled;
        int lostInQuantization;
        long queries;
    }
}
