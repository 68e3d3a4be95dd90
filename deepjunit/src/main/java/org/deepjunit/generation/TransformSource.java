package org.deepjunit.generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * TRANSFORM: DeepTest-style metamorphic testing. For every seed, in order, one input per
 * transformation, its parameter drawn uniformly from the range with the seed's own generator
 * (purpose = the transformation's ordinal), so input (seed, transformation) never depends on
 * batching. The oracle is the seed's label ({@link Candidate#seedLabel()}).
 */
final class TransformSource implements CandidateSource {

    /** A transformation with its parameter range. */
    public record Ranged(Transformation transformation, double low, double high) {}

    private final Seeds seeds;
    private final List<Ranged> transformations;
    private final double fill;
    private int batch;
    private int produced;
    private int disagreements;

    public TransformSource(Seeds seeds, List<Ranged> transformations, double fill) {
        this.seeds = seeds;
        this.transformations = List.copyOf(transformations);
        this.fill = fill;
    }

    @Override
    public List<Candidate> nextBatch() {
        int[] ids = seeds.batch(batch++);
        if (ids.length == 0) {
            return null;
        }
        Tensor batchSeeds = seeds.dataset().batch(ids);
        Shape shape = batchSeeds.shape().withoutBatch();
        List<Tensor> inputs = new ArrayList<>();
        List<Map<String, String>> params = new ArrayList<>();
        for (int s = 0; s < ids.length; s++) {
            float[] seed = batchSeeds.sample(s).toFloatArray();
            for (Ranged r : transformations) {
                Random rng = Rngs.forSeed(
                        seeds.runSeed(), ids[s], 100 + r.transformation().ordinal());
                double p = r.low() + (r.high() - r.low()) * rng.nextDouble();
                double q = r.low() + (r.high() - r.low()) * rng.nextDouble();
                inputs.add(Tensor.wrap(
                        r.transformation().apply(seed, shape, p, q, seeds.min(), seeds.max(), fill),
                        shape.withBatch(1)));
                Map<String, String> m = new LinkedHashMap<>();
                m.put(
                        r.transformation().label(),
                        r.transformation() == Transformation.TRANSLATION
                                ? String.format(Locale.ROOT, "%.4f,%.4f", p, q)
                                : String.format(Locale.ROOT, "%.4f", p));
                params.add(m);
            }
        }
        Tensor all = Tensor.concat(inputs.toArray(Tensor[]::new));
        int[][] preds = seeds.predict(all);
        int[] labels = seeds.labels(ids);
        List<Candidate> out = new ArrayList<>();
        int t = transformations.size();
        for (int i = 0; i < inputs.size(); i++) {
            int s = i / t;
            Candidate c = new Candidate(
                    ids[s],
                    labels == null ? OptionalInt.empty() : OptionalInt.of(labels[s]),
                    batchSeeds.sample(s),
                    inputs.get(i),
                    "transform",
                    transformations.get(i % t).transformation().label(),
                    params.get(i),
                    seeds.predictions(preds, i));
            disagreements += c.disagreement() ? 1 : 0;
            out.add(c);
        }
        produced += out.size();
        return out;
    }

    @Override
    public String summary() {
        return "TRANSFORM: " + produced + " transformed inputs, " + disagreements + " on which the models disagree";
    }
}
