/**
 * Differential testing without JUnit: {@link org.deepjunit.differential.OutputOracle}s and
 * {@link org.deepjunit.differential.Tolerance}s decide whether a model under test agrees with a reference on one
 * input; the checker replays every observed forward pass on the reference and records failures;
 * {@link org.deepjunit.differential.ApprovedFile} and {@link org.deepjunit.differential.GoldenFile} keep the
 * verdicts a person approved; disagreeing inputs are saved with {@link org.deepjunit.data.SavedInputs}. Wired by
 * {@code @DifferentialAgainst}.
 */
package org.deepjunit.differential;
