/**
 * What DeepJUnit users touch: the annotations {@link org.deepjunit.NeuronCoverage},
 * {@link org.deepjunit.GeneratedInputs} and {@link org.deepjunit.DifferentialAgainst} with their
 * companions ({@link org.deepjunit.CoverageRule}, {@link org.deepjunit.TestModel}), the
 * framework-neutral {@link org.deepjunit.Model}, and the small value types that cross it
 * ({@link org.deepjunit.Tensor}, {@link org.deepjunit.Shape}, {@link org.deepjunit.DataType},
 * {@link org.deepjunit.generation.GeneratedInput}).
 */
package org.deepjunit;
