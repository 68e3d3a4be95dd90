package org.deepjunit.generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * FUZZ: coverage-guided fuzzing with a seed queue, after DeepHunter (Xie et al., ISSTA 2019).
 *
 * <p>The queue starts with the seeds (their coverage recorded). Each round builds a batch of
 * mutants: a parent drawn uniformly from the queue, one {@link Transformation} drawn uniformly
 * (affine ones at most once per lineage, as DeepHunter does), its parameter from the default range;
 * up to {@code tries} draws until the mutant is valid. Validity against the lineage's reference
 * image (the seed, or the seed after its affine transformation), DeepHunter's: with
 * {@code L0} = changed elements and {@code L∞} = largest change, a mutant is valid if
 * {@code L0 < α·size} (then any {@code L∞} within the range is allowed) or {@code L∞ < β·(max − min)}.
 * The batch's mutants are then evaluated, in order: a mutant is kept (yielded and queued) when it
 * raises neuron coverage (threshold t) of some model. Stops after {@code rounds} batches.
 * One generator from the run seed drives all choices, so the order of kept inputs is fixed by run
 * seed, seeds and batch size.
 */
final class FuzzSource implements CandidateSource {

    private record Entry(
            int seedId,
            OptionalInt label,
            Tensor seed,
            float[] reference,
            float[] image,
            boolean affineUsed,
            String lineage) {}

    private final Seeds seeds;
    private final double threshold;
    private final double alpha;
    private final double beta;
    private final int rounds;
    private final int tries;
    private final List<CoverageTracker> trackers = new ArrayList<>();
    private final List<Entry> queue = new ArrayList<>();
    private final Random random;
    private Shape shape;
    private int round;
    private int mutants;
    private int kept;
    private int invalid;
    private boolean started;

    public FuzzSource(Seeds seeds, double threshold, double alpha, double beta, int rounds, int tries) {
        this.seeds = seeds;
        this.threshold = threshold;
        this.alpha = alpha;
        this.beta = beta;
        this.rounds = rounds;
        this.tries = tries;
        this.random = new Random(Rngs.mix(seeds.runSeed() ^ 0xF022L));
        for (int m = 0; m < seeds.models().size(); m++) {
            trackers.add(new CoverageTracker(seeds.models().get(m), threshold));
        }
    }

    public List<CoverageTracker> trackers() {
        return trackers;
    }

    private void start() {
        started = true;
        for (int b = 0; ; b++) {
            int[] ids = seeds.batch(b);
            if (ids.length == 0) {
                break;
            }
            Tensor batch = seeds.dataset().batch(ids);
            shape = batch.shape().withoutBatch();
            for (int m = 0; m < trackers.size(); m++) {
                trackers.get(m)
                        .update(seeds.models()
                                .get(m)
                                .neuronValues(batch, trackers.get(m).layers()));
            }
            int[] labels = seeds.labels(ids);
            for (int s = 0; s < ids.length; s++) {
                float[] img = batch.sample(s).toFloatArray();
                queue.add(new Entry(
                        ids[s],
                        labels == null ? OptionalInt.empty() : OptionalInt.of(labels[s]),
                        batch.sample(s),
                        img,
                        img,
                        false,
                        ""));
            }
        }
    }

    @Override
    public List<Candidate> nextBatch() {
        if (!started) {
            start();
        }
        if (round++ >= rounds || queue.isEmpty()) {
            return null;
        }
        List<Entry> batch = new ArrayList<>();
        Transformation[] all = Transformation.values();
        for (int b = 0; b < seeds.batchSize(); b++) {
            Entry parent = queue.get(random.nextInt(queue.size()));
            for (int t = 0; t < tries; t++) {
                Transformation tr = all[random.nextInt(all.length)];
                double p = tr.defaultLow() + (tr.defaultHigh() - tr.defaultLow()) * random.nextDouble();
                double q = tr.defaultLow() + (tr.defaultHigh() - tr.defaultLow()) * random.nextDouble();
                if (tr.affine() && parent.affineUsed()) {
                    continue;
                }
                float[] img = tr.apply(parent.image(), shape, p, q, seeds.min(), seeds.max());
                float[] reference = tr.affine() ? img : parent.reference();
                mutants++;
                if (!valid(img, reference)) {
                    invalid++;
                    continue;
                }
                String step = tr.label() + "(" + String.format(Locale.ROOT, "%.3f", p)
                        + (tr == Transformation.TRANSLATION ? String.format(Locale.ROOT, ",%.3f", q) : "") + ")";
                batch.add(new Entry(
                        parent.seedId(),
                        parent.label(),
                        parent.seed(),
                        reference,
                        img,
                        parent.affineUsed() || tr.affine(),
                        parent.lineage().isEmpty() ? step : parent.lineage() + " " + step));
                break;
            }
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        float[] data = new float[batch.size() * shape.size()];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).image(), 0, data, i * shape.size(), shape.size());
        }
        Tensor inputs = Tensor.wrap(data, shape.withBatch(batch.size()));
        NeuronValues[] values = new NeuronValues[trackers.size()];
        int[][] preds = new int[trackers.size()][];
        for (int m = 0; m < trackers.size(); m++) {
            values[m] =
                    seeds.models().get(m).neuronValues(inputs, trackers.get(m).layers());
            preds[m] = values[m].output().argMax();
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int gained = 0;
            for (int m = 0; m < trackers.size(); m++) {
                gained += trackers.get(m).update(values[m], i);
            }
            if (gained > 0) {
                Entry e = batch.get(i);
                queue.add(e);
                kept++;
                Map<String, String> params = new LinkedHashMap<>();
                params.put("mutations", e.lineage());
                params.put("coverageGain", Integer.toString(gained));
                params.put("alpha", Double.toString(alpha));
                params.put("beta", Double.toString(beta));
                String method = e.lineage().substring(e.lineage().lastIndexOf(' ') + 1);
                out.add(new Candidate(
                        e.seedId(),
                        e.label(),
                        e.seed(),
                        inputs.sample(i),
                        "fuzz",
                        method.substring(0, method.indexOf('(')),
                        params,
                        seeds.predictions(preds, i)));
            }
        }
        return out;
    }

    /** DeepHunter's validity: few changes of any size, or many small ones. */
    boolean valid(float[] image, float[] reference) {
        int l0 = 0;
        double linf = 0;
        for (int i = 0; i < image.length; i++) {
            double d = Math.abs(image[i] - reference[i]);
            if (d > 0) {
                l0++;
                linf = Math.max(linf, d);
            }
        }
        return l0 < alpha * image.length || linf < beta * (seeds.max() - seeds.min());
    }

    @Override
    public String summary() {
        StringBuilder nc = new StringBuilder();
        for (int m = 0; m < seeds.names().size(); m++) {
            nc.append(m > 0 ? ", " : "")
                    .append(seeds.names().get(m))
                    .append(String.format(Locale.ROOT, " %.3f", trackers.get(m).ratio()));
        }
        return String.format(
                Locale.ROOT,
                "FUZZ: %d mutants (%d invalid), %d kept for raising coverage; neuron "
                        + "coverage of seeds + kept inputs: %s",
                mutants,
                invalid,
                kept,
                nc);
    }
}
