package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * What an explainer attributes to each element of one input: a tensor shaped like the input ({@code [1, ...]}),
 * the target function it explains (a {@link Score} of one class), and, for integrated gradients, the completeness
 * error {@code Σ attributions − (F(x) − F(x'))}.
 *
 * <pre>{@code
 * Attribution a = Explain.integratedGradients(lenet5).explain(image);
 * a.values();                         // [1, 28, 28, 1]
 * a.relativeCompletenessError();      // |Σ a − (F(x) − F(x'))| / |F(x) − F(x')|, e.g. 0.004
 * a.massIn(Mask.above(image, 0.1));   // share of |a| on the digit, e.g. 0.83
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Attribution {

    private final String method;
    private final String model;
    private final int targetClass;
    private final Score score;
    private final Tensor values;
    private final double output;
    private final double baselineOutput;

    Attribution(
            String method,
            String model,
            int targetClass,
            Score score,
            Tensor values,
            double output,
            double baselineOutput) {
        this.method = Objects.requireNonNull(method, "method");
        this.model = Objects.requireNonNull(model, "model");
        this.targetClass = targetClass;
        this.score = Objects.requireNonNull(score, "score");
        if (values.shape().rank() < 2 || values.batchSize() != 1) {
            throw new IllegalArgumentException("An attribution is of one sample [1, ...], got " + values.shape());
        }
        this.values = values;
        this.output = output;
        this.baselineOutput = baselineOutput;
    }

    /**
     * An attribution made elsewhere (another tool's map, a map read back), for the checks: no completeness is known.
     *
     * @param sample one sample's attribution, without the batch dimension ({@code [28, 28, 1]})
     */
    public static Attribution of(String method, String model, int targetClass, Score score, Tensor sample) {
        return new Attribution(
                method,
                model,
                targetClass,
                score,
                sample.reshape(withBatch(sample.shape().dims())),
                Double.NaN,
                Double.NaN);
    }

    private static int[] withBatch(int[] dims) {
        int[] result = new int[dims.length + 1];
        result[0] = 1;
        System.arraycopy(dims, 0, result, 1, dims.length);
        return result;
    }

    /** The explainer, such as {@code integrated gradients}. */
    public String method() {
        return method;
    }

    /** The name of the model explained. */
    public String model() {
        return model;
    }

    /** The class whose score is explained. */
    public int targetClass() {
        return targetClass;
    }

    /** The score explained, resolved: never {@link Score#AUTO}. */
    public Score score() {
        return score;
    }

    /** The attribution of each input element, {@code [1, ...inputShape]}. */
    public Tensor values() {
        return values;
    }

    /** The shape of one sample, without the batch dimension. */
    public Shape sampleShape() {
        return values.shape().withoutBatch();
    }

    /** {@code F(x)}: the explained score at the input; NaN when not recorded. */
    public double output() {
        return output;
    }

    /** {@code F(x')}: the score at the baseline (integrated gradients); NaN for other methods. */
    public double baselineOutput() {
        return baselineOutput;
    }

    /** The sum of every attribution. */
    public double sum() {
        double s = 0;
        for (int i = 0; i < values.size(); i++) {
            s += values.getDouble(i);
        }
        return s;
    }

    /**
     * {@code Σ attributions − (F(x) − F(x'))}: zero for exact integrated gradients, whose Riemann sum converges to it
     * with more steps. NaN for methods without a baseline, which promise no completeness.
     */
    public double completenessError() {
        return sum() - (output - baselineOutput);
    }

    /** {@code |completenessError()| / |F(x) − F(x')|}; NaN for methods without completeness. */
    public double relativeCompletenessError() {
        return Math.abs(completenessError()) / Math.max(Math.abs(output - baselineOutput), Double.MIN_NORMAL);
    }

    /**
     * The share of the attribution's absolute mass inside {@code region}: {@code Σ_{i ∈ region} |a_i| / Σ_i |a_i|}.
     * NaN when the attribution is zero everywhere.
     */
    public double massIn(Mask region) {
        if (region.shape().size() != values.size()) {
            throw new IllegalArgumentException("Mask '" + region.name() + "' of shape " + region.shape()
                    + " does not fit an attribution of shape " + sampleShape());
        }
        double inside = 0;
        double total = 0;
        for (int i = 0; i < values.size(); i++) {
            double a = Math.abs(values.getDouble(i));
            total += a;
            if (region.contains(i)) {
                inside += a;
            }
        }
        return total == 0 ? Double.NaN : inside / total;
    }

    /**
     * Spearman's rank correlation of this attribution's elements with {@code other}'s (same size): 1 when they
     * order the elements alike. NaN when either is constant.
     */
    public double rankCorrelation(Tensor other) {
        if (other.size() != values.size()) {
            throw new IllegalArgumentException("Cannot correlate an attribution of shape " + sampleShape()
                    + " with a map of shape " + other.shape() + ": their sizes differ");
        }
        return Ranks.spearman(values.toDoubleArray(), other.toDoubleArray());
    }

    /** The Euclidean norm of the attribution. */
    public double norm() {
        double s = 0;
        for (int i = 0; i < values.size(); i++) {
            s += values.getDouble(i) * values.getDouble(i);
        }
        return Math.sqrt(s);
    }

    /** {@code ‖other − this‖₂ / ‖this‖₂}: how far {@code other} moved from this attribution, relatively. */
    public double relativeDistance(Attribution other) {
        if (other.values.size() != values.size()) {
            throw new IllegalArgumentException(
                    "Cannot compare attributions of shapes " + sampleShape() + " and " + other.sampleShape());
        }
        double d = 0;
        for (int i = 0; i < values.size(); i++) {
            double diff = other.values.getDouble(i) - values.getDouble(i);
            d += diff * diff;
        }
        return Math.sqrt(d) / Math.max(norm(), Double.MIN_NORMAL);
    }

    /** What is explained, for messages: {@code integrated gradients of lenet5, log-probability of class 7}. */
    public String describe() {
        return method + " of " + model + ", " + score.label() + " of class " + targetClass;
    }

    @Override
    public String toString() {
        String s = "Attribution[" + describe() + ", " + sampleShape() + ", sum " + fmt(sum());
        if (!Double.isNaN(baselineOutput)) {
            s += ", F(x) − F(x') " + fmt(output - baselineOutput) + ", completeness error " + fmt(completenessError())
                    + String.format(Locale.ROOT, " (%.2f%%)", 100 * relativeCompletenessError());
        }
        return s + "]";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
