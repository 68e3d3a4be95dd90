package org.deepjunit.model.onnx;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How an {@link OnnxModel} estimates input gradients from its own outputs when no gradient-capable twin is
 * declared. Both estimates cost forward passes, batched through ONNX Runtime, and are approximations:
 *
 * <ul>
 *   <li>{@link #finiteDifferences(double)}: central differences, {@code (f(x + h·e_i) − f(x − h·e_i)) / 2h} for
 *       every input element, so {@code 2·d} forward passes per sample ({@code d = 784} for a 28×28 image:
 *       ≈0.1–0.2 s per sample on two cores). Accurate where the network is smooth; across a ReLU or max-pool kink
 *       (flat image background, where pooling windows tie) it averages the two sides, as the exact gradient
 *       does not. Measured on DeepXplore's LeNet-5 against the TensorFlow twin's exact gradient: see README
 *       "ONNX models".</li>
 *   <li>{@link #spsa(int, double, long)}: simultaneous perturbation, {@code 2·samples} forward passes per sample
 *       whatever the input size, with random ±1 directions from a seed: cheap and noisy (an unbiased direction on
 *       average, not the gradient: cosine ≈0.3 to it with 50 samples on MNIST). Enough for a search that only
 *       needs an ascent direction.</li>
 * </ul>
 *
 * {@link OnnxModel#gradientSource()} describes the estimate in use, with its cost, for reports.
 */
@API(status = EXPERIMENTAL, since = "0.6")
public sealed interface GradientEstimate {

    /** Central finite differences with step {@code 1e-3} (in input units). */
    static GradientEstimate finiteDifferences() {
        return finiteDifferences(1e-3);
    }

    /** Central finite differences with step {@code step} (in input units); positive and finite. */
    static GradientEstimate finiteDifferences(double step) {
        return new FiniteDifferences(step);
    }

    /** SPSA with {@code samples} random ±1 directions, step {@code step}, directions drawn from {@code seed}. */
    static GradientEstimate spsa(int samples, double step, long seed) {
        return new Spsa(samples, step, seed);
    }

    /** Forward passes one sample's gradient costs for an input of {@code inputSize} elements. */
    long forwardPasses(int inputSize);

    /** Central finite differences. */
    record FiniteDifferences(double step) implements GradientEstimate {
        public FiniteDifferences {
            requireStep(step);
        }

        @Override
        public long forwardPasses(int inputSize) {
            return 2L * inputSize;
        }

        @Override
        public String toString() {
            return "central finite differences (h = " + step + ")";
        }
    }

    /** Simultaneous-perturbation stochastic approximation. */
    record Spsa(int samples, double step, long seed) implements GradientEstimate {
        public Spsa {
            if (samples < 1) {
                throw new IllegalArgumentException("SPSA needs at least 1 sample, got " + samples);
            }
            requireStep(step);
        }

        @Override
        public long forwardPasses(int inputSize) {
            return 2L * samples;
        }

        @Override
        public String toString() {
            return "SPSA (" + samples + " directions, c = " + step + ", seed " + seed + ")";
        }
    }

    private static void requireStep(double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("A gradient estimate's step must be positive and finite, got " + step);
        }
    }
}
