/**
 * Differential testing, framework-neutral: {@link org.deepjunit.differential.OutputOracle}s and
 * {@link org.deepjunit.differential.Tolerance}s decide whether a model under test agrees with a
 * reference on one input; {@link org.deepjunit.differential.ApprovedFile} and
 * {@link org.deepjunit.differential.GoldenFile} keep the verdicts a person approved;
 * disagreeing inputs are saved with {@link org.deepjunit.data.SavedInputs} as PNG, {@code .npy} and JSON.
 * The Jupiter wiring is {@link org.deepjunit.DifferentialAgainst}.
 */
package org.deepjunit.differential;
