package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Decides whether the model under test agrees with its reference on one input. Implementations
 * need a public no-argument constructor to be named in
 * {@link org.deepjunit.DifferentialAgainst#comparator()}, and must be thread-safe.
 *
 * <p>The default is {@link TopOneOracle} (same top-1 class, every output within tolerance); for
 * regression models use {@link ToleranceOracle}; for a model whose output packs several heads,
 * implement this interface and split the sample's output yourself.
 */
@API(status = STABLE, since = "0.1")
public interface OutputOracle {

    /**
     * Compares one sample's outputs.
     *
     * @param modelUnderTest the model under test's output for the sample, batch dimension removed
     *                       ({@code [1, ...]} reshaped to the output shape's size) — a flat copy
     * @param reference      the reference's output for the same sample, same layout
     * @param tolerance      the tolerance resolved from the annotation or configuration
     */
    Comparison compare(double[] modelUnderTest, double[] reference, Tolerance tolerance);

    /**
     * The class a model answered, used by approved verdicts and messages; the index of the largest
     * output by default. Return -1 for outputs that are not class scores.
     */
    default int label(double[] output) {
        return TopOneOracle.argMax(output);
    }

    /** Compares the outputs of sample {@code i} of two batches. */
    default Comparison compare(Tensor modelUnderTest, Tensor reference, int i, Tolerance tolerance) {
        return compare(
                modelUnderTest.sample(i).toDoubleArray(), reference.sample(i).toDoubleArray(), tolerance);
    }
}
