package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * One input made for a {@code @GeneratedInputs} test, with its provenance: what the test method receives.
 *
 * <p>{@link #tensor()} is {@code [1, ...inputShape]}, ready for {@code model.predict}. Distances are
 * to the seed, element-wise over the tensor: L0 counts changed elements, L2 and L∞ are in the
 * input's own units (e.g. [0, 1] pixels).
 */
@API(status = STABLE, since = "0.1")
public final class GeneratedInput {

    private final int index;
    private final long runSeed;
    private final int seedId;
    private final OptionalInt seedLabel;
    private final Tensor seed;
    private final Tensor tensor;
    private final String generator;
    private final String method;
    private final Map<String, String> parameters;
    private final Map<String, Integer> predictions;
    private final int l0;
    private final double l2;
    private final double lInf;

    /**
     * @param index       the invocation index, from 1
     * @param runSeed     the run seed that produced it
     * @param seedId      the seed's index in its source
     * @param seedLabel   the seed's label when known
     * @param seed        the seed {@code [1, ...]}
     * @param tensor      the generated input {@code [1, ...]}
     * @param generator   {@code deepxplore}, {@code transform} or {@code fuzz}
     * @param method      the constraint or transformation
     * @param parameters  what produced it
     * @param predictions each model's predicted class, by name, in model order
     */
    public GeneratedInput(
            int index,
            long runSeed,
            int seedId,
            OptionalInt seedLabel,
            Tensor seed,
            Tensor tensor,
            String generator,
            String method,
            Map<String, String> parameters,
            Map<String, Integer> predictions) {
        this.index = index;
        this.runSeed = runSeed;
        this.seedId = seedId;
        this.seedLabel = Objects.requireNonNull(seedLabel);
        this.seed = seed;
        this.tensor = tensor;
        this.generator = generator;
        this.method = method;
        this.parameters = Map.copyOf(parameters);
        this.predictions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        int changed = 0;
        double sq = 0;
        double max = 0;
        for (int i = 0; i < tensor.size(); i++) {
            double d = Math.abs(tensor.getDouble(i) - seed.getDouble(i));
            if (d > 0) {
                changed++;
            }
            sq += d * d;
            max = Math.max(max, d);
        }
        this.l0 = changed;
        this.l2 = Math.sqrt(sq);
        this.lInf = max;
    }

    /** Numbers a generator's candidate as invocation {@code index} of the run {@code runSeed}. */
    public static GeneratedInput of(int index, long runSeed, Candidate c) {
        return new GeneratedInput(
                index,
                runSeed,
                c.seedId(),
                c.seedLabel(),
                c.seed(),
                c.input(),
                c.generator(),
                c.method(),
                c.parameters(),
                c.predictions());
    }

    /**
     * Where the input came from and how far it is from its seed, as saved beside it: invocation index, run seed,
     * seed id and label, generator, method, parameters, predictions, disagreement, L0/L2/L∞ and shape.
     */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", displayName());
        p.put("index", index);
        p.put("runSeed", runSeed);
        p.put("seedId", seedId);
        if (seedLabel.isPresent()) {
            p.put("seedLabel", seedLabel.getAsInt());
        }
        p.put("generator", generator);
        p.put("method", method);
        p.put("parameters", parameters);
        p.put("predictions", predictions);
        p.put("disagreement", disagreement());
        p.put("L0", l0);
        p.put("L2", l2);
        p.put("Linf", lInf);
        p.put("shape", tensor.shape().dims());
        return p;
    }

    /** The invocation index, from 1: the same index always means the same input for the same run seed and settings. */
    public int index() {
        return index;
    }

    public long runSeed() {
        return runSeed;
    }

    /** The seed's index in its source (e.g. the MNIST test image number). */
    public int seedId() {
        return seedId;
    }

    /** The seed's label, when the source has labels: TRANSFORM's oracle. */
    public OptionalInt seedLabel() {
        return seedLabel;
    }

    /** The seed, {@code [1, ...]}. */
    public Tensor seed() {
        return seed;
    }

    /** The generated input, {@code [1, ...]}. */
    public Tensor tensor() {
        return tensor;
    }

    /** {@code deepxplore}, {@code transform} or {@code fuzz}. */
    public String generator() {
        return generator;
    }

    /** The constraint (DEEPXPLORE) or transformation (TRANSFORM, FUZZ's last mutation) that made it. */
    public String method() {
        return method;
    }

    /** How it was made: iterations, pushed model, target neurons, transformation parameters… */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Each model's predicted class when the input was generated, by model name. */
    public Map<String, Integer> predictions() {
        return predictions;
    }

    /** Whether the models predicted different classes. */
    public boolean disagreement() {
        return predictions.values().stream().distinct().count() > 1;
    }

    /** Number of elements that differ from the seed. */
    public int l0() {
        return l0;
    }

    /** Euclidean distance to the seed. */
    public double l2() {
        return l2;
    }

    /** Largest element-wise change from the seed. */
    public double lInf() {
        return lInf;
    }

    /** The display name: {@code [17] seed 4211 · lighting · L2=0.84 · lenet1=7 lenet4=1}. */
    public String displayName() {
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "[%d] seed %d · %s · L2=%.2f ·", index, seedId, method, l2));
        predictions.forEach(
                (name, cls) -> sb.append(' ').append(name).append('=').append(cls));
        return sb.toString();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
