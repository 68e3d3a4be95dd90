package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * DeepXplore's joint optimisation (Pei et al., SOSP 2017, and its reference {@code gen_diff.py}),
 * searching a batch of seeds at once.
 *
 * <p>For a seed {@code x} on which all models predict class {@code c}, one model {@code j} is to be
 * pushed away (chosen per seed by its own seeded generator, or fixed), and each model {@code k}
 * gets a target neuron {@code n_k} not yet covered (random among the uncovered ones). The objective
 * <pre>obj(x) = Σ_{k≠j} F_k(x)[c] − λ1·F_j(x)[c] + λ2·Σ_k f_{n_k}(x)</pre>
 * (F = pre-softmax logits, f = a neuron's raw mean output) is climbed by
 * {@code x ← clip(x + s·constraint(g / (√mean(g²) + 1e-5)))} where {@code g = ∇obj(x)}: the
 * gradient is normalised per input as the reference code does, then constrained, then the step is
 * taken and the input clipped to the valid range. The search stops for an input at its first
 * disagreement (some models' arg-max differ) or after {@code iterations} steps.
 *
 * <p>Batched: every model computes one input gradient per step for all still-searching seeds (the
 * objective is a sum of per-input terms). Coverage is tracked across batches: before a batch, the
 * trackers hold the seeds and difference-inducing inputs of earlier batches; the batch's own seeds
 * are added before targets are chosen. So the outcome of a seed depends on the run seed, the seed
 * order and the batch size, never on timing.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DeepXplore {

    /**
     * @param lambda1     weight of pushing model j away from c (paper: 1)
     * @param lambda2     weight of the target neurons (paper: 0.1)
     * @param step        gradient ascent step s (paper: 10)
     * @param threshold   coverage threshold t (paper: 0)
     * @param iterations  steps per seed before giving up
     * @param constraint  the domain constraint
     * @param min         smallest valid input value
     * @param max         largest valid input value
     * @param pushedModel the name of model j for every seed, or {@code null} for a seeded random one per seed
     */
    public record Settings(
            double lambda1,
            double lambda2,
            double step,
            double threshold,
            int iterations,
            Constraint constraint,
            double min,
            double max,
            String pushedModel) {}

    /** What happened to one seed. */
    public enum Status {
        /** The models already disagree on the seed itself; no search. */
        ALREADY_DIFFER,
        /** The search found a difference-inducing input. */
        FOUND,
        /** No disagreement within the iteration limit. */
        NOT_FOUND,
        /** The time budget ended the search of this seed before it found an input or gave up. */
        UNFINISHED
    }

    /**
     * One seed's outcome; {@code candidate} holds the found input (the seed itself when the models already
     * disagree on it, the last iterate when none was found; null when unfinished).
     */
    public record Outcome(Status status, int iterations, Candidate candidate) {}

    private final List<Model> models;
    private final List<String> names;
    private final Settings settings;
    private final List<CoverageTracker> trackers = new ArrayList<>();

    public DeepXplore(List<Model> models, Settings settings) {
        this(models.stream().map(Model::name).toList(), models, settings);
    }

    /**
     * With the names that reports and predictions use for the models (e.g. their {@code @TestModel} names). Names
     * must be distinct: predictions are keyed by them, and a pushed model is chosen by name.
     */
    public DeepXplore(List<String> names, List<Model> models, Settings settings) {
        this.names = List.copyOf(names);
        if (models.size() < 2) {
            throw new IllegalArgumentException("DeepXplore needs two or more models, got " + models.size());
        }
        if (names.size() != models.size() || Set.copyOf(names).size() != names.size()) {
            throw new IllegalArgumentException("DeepXplore needs one distinct name per model, got " + names
                    + ": name the models (e.g. Dl4jModel.builder(network).name(\"v2\"))");
        }
        this.models = List.copyOf(models);
        this.settings = settings;
        for (Model m : models) {
            trackers.add(new CoverageTracker(m, settings.threshold()));
        }
    }

    /** Each model's coverage tracker: seeds searched so far and the difference-inducing inputs found. */
    public List<CoverageTracker> trackers() {
        return trackers;
    }

    /**
     * Searches one batch of seeds {@code [n, ...]}.
     *
     * @param seedIds the seeds' ids (indices in their source), for the per-seed generators
     * @param labels  the seeds' labels, or {@code null}
     */
    public List<Outcome> search(Tensor seeds, int[] seedIds, int[] labels, long runSeed) {
        return search(seeds, seedIds, labels, runSeed, Deadline.none());
    }

    /**
     * Searches one batch of seeds until {@code deadline}, checked before each gradient step: seeds still searched
     * when it passes are {@link Status#UNFINISHED}, and the coverage trackers are left as they were.
     */
    public List<Outcome> search(Tensor seeds, int[] seedIds, int[] labels, long runSeed, Deadline deadline) {
        int n = seeds.batchSize();
        int k = models.size();
        Shape sampleShape = seeds.shape().withoutBatch();
        int size = sampleShape.size();
        int[][] seedPreds = new int[k][];
        for (int m = 0; m < k; m++) {
            NeuronValues values =
                    models.get(m).neuronValues(seeds, trackers.get(m).layers());
            seedPreds[m] = values.output().argMax();
            trackers.get(m).update(values);
        }
        Outcome[] outcomes = new Outcome[n];
        float[][] x = new float[n][];
        int[] agreed = new int[n];
        int[] pushed = new int[n];
        CoverageTracker.Neuron[][] targets = new CoverageTracker.Neuron[n][k];
        Random[] rngs = new Random[n];
        List<Integer> active = new ArrayList<>();
        int fixedPush = settings.pushedModel() == null ? -1 : indexOf(settings.pushedModel());
        for (int i = 0; i < n; i++) {
            Tensor seed = seeds.sample(i);
            if (!agree(seedPreds, i)) {
                outcomes[i] = new Outcome(
                        Status.ALREADY_DIFFER,
                        0,
                        candidate(
                                seedIds[i],
                                labels,
                                i,
                                seed,
                                seed,
                                Map.of("iterations", "0"),
                                predictions(seedPreds, i)));
                continue;
            }
            rngs[i] = Rngs.forSeed(runSeed, seedIds[i], 1);
            agreed[i] = seedPreds[0][i];
            pushed[i] = fixedPush >= 0 ? fixedPush : rngs[i].nextInt(k);
            for (int m = 0; m < k; m++) {
                targets[i][m] = trackers.get(m).pickUncovered(rngs[i]);
            }
            x[i] = seed.toFloatArray();
            active.add(i);
        }
        for (int iter = 1; iter <= settings.iterations() && !active.isEmpty(); iter++) {
            if (deadline.passed()) {
                for (int i : active) {
                    outcomes[i] = new Outcome(Status.UNFINISHED, iter - 1, null);
                }
                return List.of(outcomes);
            }
            int a = active.size();
            Tensor xt = stack(x, active, sampleShape);
            float[] grad = new float[a * size];
            for (int m = 0; m < k; m++) {
                Objective.Builder obj = Objective.builder();
                for (int s = 0; s < a; s++) {
                    int i = active.get(s);
                    obj.logit(s, agreed[i], m == pushed[i] ? -settings.lambda1() : 1.0);
                    if (settings.lambda2() != 0) {
                        obj.neuron(s, targets[i][m].layer(), targets[i][m].index(), settings.lambda2());
                    }
                }
                // Zero terms on every counted layer keep one objective graph per model in the TF adapter.
                for (String layer : trackers.get(m).layers()) {
                    obj.neuron(0, layer, 0, 0.0);
                }
                Tensor g = models.get(m).inputGradient(xt, obj.build());
                for (int e = 0; e < grad.length; e++) {
                    grad[e] += (float) g.getDouble(e);
                }
            }
            float[] g1 = new float[size];
            for (int s = 0; s < a; s++) {
                int i = active.get(s);
                System.arraycopy(grad, s * size, g1, 0, size);
                double sq = 0;
                for (float v : g1) {
                    sq += (double) v * v;
                }
                float norm = (float) (Math.sqrt(sq / size) + 1e-5);
                for (int e = 0; e < size; e++) {
                    g1[e] /= norm;
                }
                settings.constraint().constrain(g1, sampleShape, rngs[i]);
                float[] xi = x[i];
                for (int e = 0; e < size; e++) {
                    float v = (float) (xi[e] + settings.step() * g1[e]);
                    xi[e] = (float) Math.min(settings.max(), Math.max(settings.min(), v));
                }
            }
            Tensor next = stack(x, active, sampleShape);
            int[][] preds = new int[k][];
            for (int m = 0; m < k; m++) {
                preds[m] = models.get(m).predict(next).argMax();
            }
            List<Integer> still = new ArrayList<>();
            for (int s = 0; s < a; s++) {
                int i = active.get(s);
                if (agree(preds, s)) {
                    still.add(i);
                } else {
                    outcomes[i] = new Outcome(
                            Status.FOUND,
                            iter,
                            candidate(
                                    seedIds[i],
                                    labels,
                                    i,
                                    seeds.sample(i),
                                    Tensor.wrap(x[i].clone(), sampleShape.withBatch(1)),
                                    params(i, iter, pushed, targets),
                                    predictions(preds, s)));
                }
            }
            active = still;
        }
        for (int i : active) {
            Tensor last = Tensor.wrap(x[i].clone(), sampleShape.withBatch(1));
            int[][] preds = new int[k][];
            for (int m = 0; m < k; m++) {
                preds[m] = new int[] {seedPreds[m][i]};
            }
            outcomes[i] = new Outcome(
                    Status.NOT_FOUND,
                    settings.iterations(),
                    candidate(
                            seedIds[i],
                            labels,
                            i,
                            seeds.sample(i),
                            last,
                            params(i, settings.iterations(), pushed, targets),
                            predictions(preds, 0)));
        }
        List<Tensor> found = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.status() == Status.FOUND) {
                found.add(o.candidate().input());
            }
        }
        if (!found.isEmpty()) {
            Tensor all = Tensor.concat(found.toArray(Tensor[]::new));
            for (int m = 0; m < k; m++) {
                trackers.get(m)
                        .update(models.get(m).neuronValues(all, trackers.get(m).layers()));
            }
        }
        return List.of(outcomes);
    }

    private Map<String, String> params(int i, int iter, int[] pushed, CoverageTracker.Neuron[][] targets) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("iterations", Integer.toString(iter));
        p.put("pushed", names.get(pushed[i]));
        StringBuilder t = new StringBuilder();
        for (int m = 0; m < models.size(); m++) {
            if (m > 0) {
                t.append(' ');
            }
            t.append(names.get(m))
                    .append(':')
                    .append(targets[i][m].layer())
                    .append('#')
                    .append(targets[i][m].index());
        }
        p.put("targets", t.toString());
        p.put("lambda1", Double.toString(settings.lambda1()));
        p.put("lambda2", Double.toString(settings.lambda2()));
        p.put("step", Double.toString(settings.step()));
        p.put("threshold", Double.toString(settings.threshold()));
        if (!settings.constraint().parameters().isEmpty()) {
            p.put("constraint", settings.constraint().parameters());
        }
        return p;
    }

    private Candidate candidate(
            int seedId,
            int[] labels,
            int i,
            Tensor seed,
            Tensor input,
            Map<String, String> params,
            Map<String, Integer> predictions) {
        return new Candidate(
                seedId,
                labels == null ? OptionalInt.empty() : OptionalInt.of(labels[i]),
                seed,
                input,
                "deepxplore",
                settings.constraint().name(),
                params,
                predictions);
    }

    private Map<String, Integer> predictions(int[][] preds, int s) {
        Map<String, Integer> p = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            p.put(names.get(m), preds[m][s]);
        }
        return p;
    }

    private int indexOf(String name) {
        for (int m = 0; m < models.size(); m++) {
            if (names.get(m).equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("No model named '" + name + "' among " + names);
    }

    private static boolean agree(int[][] preds, int s) {
        for (int m = 1; m < preds.length; m++) {
            if (preds[m][s] != preds[0][s]) {
                return false;
            }
        }
        return true;
    }

    static Tensor stack(float[][] x, List<Integer> which, Shape sampleShape) {
        int size = sampleShape.size();
        float[] data = new float[which.size() * size];
        for (int s = 0; s < which.size(); s++) {
            System.arraycopy(x[which.get(s)], 0, data, s * size, size);
        }
        return Tensor.wrap(data, sampleShape.withBatch(which.size()));
    }
}
