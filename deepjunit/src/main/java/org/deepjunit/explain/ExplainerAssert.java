package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Checks on an explainer's behaviour around an input: stability under small input noise, measured as
 * {@link MaxSensitivity}.
 *
 * <pre>{@code
 * ExplainerAssert.assertThat(Explain.integratedGradients(lenet5))
 *         .samples(10)                                  // noisy copies (default 10), seed 0
 *         .isStableAt(image, 0.02, 0.3);                // radius 0.02, max-sensitivity at most 0.3
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class ExplainerAssert {

    private final MaxSensitivity sensitivity;

    private ExplainerAssert(Explainer explainer) {
        this.sensitivity = MaxSensitivity.of(explainer);
    }

    public static ExplainerAssert assertThat(Explainer explainer) {
        return new ExplainerAssert(explainer);
    }

    /** How many noisy copies to explain (default 10). */
    public ExplainerAssert samples(int n) {
        sensitivity.samples(n);
        return this;
    }

    /** The noise's seed (default 0). */
    public ExplainerAssert seed(long seed) {
        sensitivity.seed(seed);
        return this;
    }

    /** Clips noisy copies to the valid range. */
    public ExplainerAssert range(double min, double max) {
        sensitivity.range(min, max);
        return this;
    }

    /**
     * The explanation of every input within L∞ {@code radius} of {@code input} (of those drawn) differs from the
     * explanation of {@code input} by at most {@code maxSensitivity}, relative to its norm.
     */
    public MaxSensitivity.Result isStableAt(Tensor input, double radius, double maxSensitivity) {
        MaxSensitivity.Result r = sensitivity.radius(radius).at(input);
        if (!(r.max() <= maxSensitivity)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "The explanation (%s) is not stable within radius %s: max-sensitivity %.4f (noisy copy %d of %d;"
                            + " mean %.4f), but expected at most %.4f",
                    r.reference().describe(),
                    radius,
                    r.max(),
                    r.worst(),
                    r.samples(),
                    r.mean(),
                    maxSensitivity));
        }
        return r;
    }
}
