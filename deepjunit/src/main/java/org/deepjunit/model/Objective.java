package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A linear objective over neuron values and output logits, whose gradient with respect to the
 * input a model computes ({@link Model#inputGradient}). This is what DeepXplore's search
 * climbs: {@code Σ_{k≠j} F_k(x)[c] − λ1·F_j(x)[c] + λ2·f_n(x)} is, per model, a weighted sum of
 * one logit and one neuron.
 *
 * <p>A neuron's value is its raw (unscaled) output; for a channel it is the spatial mean of its
 * feature map. A logit is the model's output before a final softmax, or the output itself when
 * the model ends in no softmax. A term names one sample of the batch or, with
 * {@link #ALL_SAMPLES}, every sample; the objective is the sum of all terms over the batch, so
 * the gradient of sample {@code i} depends only on the terms that reach sample {@code i}.
 *
 * <pre>{@code
 * Objective obj = Objective.builder()
 *     .logit(0, 7, -1.0)              // sample 0: push class 7 down
 *     .neuron(0, "fc1", 42, 0.1)      // sample 0: activate fc1 neuron 42
 *     .build();
 * Tensor grad = model.inputGradient(seeds, obj);
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class Objective {

    /** The sample index of a term that applies to every sample of the batch. */
    public static final int ALL_SAMPLES = -1;

    /**
     * One weighted term.
     *
     * @param sample the sample index in the batch, or {@link #ALL_SAMPLES}
     * @param layer  the layer name, or {@code null} for the output logits
     * @param unit   the neuron or logit index
     * @param weight the coefficient
     */
    public record Term(int sample, String layer, int unit, double weight) {

        public Term {
            if (sample < ALL_SAMPLES) {
                throw new IllegalArgumentException("Sample index must be >= 0 or ALL_SAMPLES, got " + sample);
            }
            if (unit < 0) {
                throw new IllegalArgumentException("Unit index must be >= 0, got " + unit);
            }
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("Objective weight must be finite, got " + weight);
            }
        }

        /** Whether this term is on the output logits rather than a named layer. */
        public boolean isLogit() {
            return layer == null;
        }

        /** Whether this term reaches sample {@code s}. */
        public boolean appliesTo(int s) {
            return sample == ALL_SAMPLES || sample == s;
        }
    }

    private final List<Term> terms;

    private Objective(List<Term> terms) {
        this.terms = Collections.unmodifiableList(new ArrayList<>(terms));
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Term> terms() {
        return terms;
    }

    /** The names of the layers the terms refer to, logits excluded. */
    public Set<String> layers() {
        Set<String> names = new LinkedHashSet<>();
        for (Term t : terms) {
            if (!t.isLogit()) {
                names.add(t.layer());
            }
        }
        return names;
    }

    /** Whether some term is on the output logits. */
    public boolean hasLogitTerms() {
        return terms.stream().anyMatch(Term::isLogit);
    }

    /** The largest sample index a term names, or -1 if all terms apply to every sample. */
    public int maxSample() {
        return terms.stream().mapToInt(Term::sample).max().orElse(ALL_SAMPLES);
    }

    @Override
    public String toString() {
        return "Objective" + terms;
    }

    /** Collects terms; the same (sample, layer, unit) may appear several times, and weights add. */
    public static final class Builder {

        private final List<Term> terms = new ArrayList<>();

        private Builder() {}

        /** Adds {@code weight · value} of a neuron for every sample. */
        public Builder neuron(String layer, int neuron, double weight) {
            return neuron(ALL_SAMPLES, layer, neuron, weight);
        }

        /** Adds {@code weight · value} of a neuron for one sample. */
        public Builder neuron(int sample, String layer, int neuron, double weight) {
            terms.add(new Term(sample, Objects.requireNonNull(layer, "layer"), neuron, weight));
            return this;
        }

        /** Adds {@code weight · logit} for every sample. */
        public Builder logit(int unit, double weight) {
            return logit(ALL_SAMPLES, unit, weight);
        }

        /** Adds {@code weight · logit} for one sample. */
        public Builder logit(int sample, int unit, double weight) {
            terms.add(new Term(sample, null, unit, weight));
            return this;
        }

        public Objective build() {
            if (terms.isEmpty()) {
                throw new IllegalStateException("An objective needs at least one term");
            }
            return new Objective(terms);
        }
    }
}
