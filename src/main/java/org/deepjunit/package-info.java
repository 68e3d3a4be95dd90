/**
 * What DeepJUnit users touch: the annotations {@link org.deepjunit.NeuronCoverage},
 * {@link org.deepjunit.GeneratedInputs} and {@link org.deepjunit.DifferentialAgainst} with their
 * companions ({@link org.deepjunit.coverage.CoverageRule}, {@link org.deepjunit.TestModel}), the
 * framework-neutral {@link org.deepjunit.model.Model}, and the small value types that cross it
 * ({@link org.deepjunit.model.Tensor}, {@link org.deepjunit.model.Shape}, {@link org.deepjunit.model.DataType},
 * {@link org.deepjunit.generation.GeneratedInput}).
 */
package org.deepjunit;
