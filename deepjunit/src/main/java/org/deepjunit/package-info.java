/**
 * What DeepJUnit users touch, and the only JUnit code: the annotations {@link org.deepjunit.TestModel},
 * {@link org.deepjunit.NeuronCoverage}, {@link org.deepjunit.GeneratedInputs},
 * {@link org.deepjunit.DifferentialAgainst}, {@link org.deepjunit.ModelQuality} and
 * {@link org.deepjunit.Explanations}, each with its Jupiter extension beside it (package-private: the
 * extensions only wire the lifecycle; the work is done in the packages below). The annotations' companions sit
 * with their features: {@link org.deepjunit.coverage.CoverageRule} and {@link org.deepjunit.coverage.Criterion},
 * the generators' source annotations in {@link org.deepjunit.generation}, the oracles in
 * {@link org.deepjunit.differential}, the explainers in {@link org.deepjunit.explain}; models and tensors in
 * {@link org.deepjunit.model}.
 *
 * <p>The packages, from the bottom up: {@code model} (and its adapters {@code model.dl4j},
 * {@code model.tensorflow}), {@code config}, {@code data}, {@code coverage}, {@code generation},
 * {@code differential}, {@code quality}, {@code explain}, {@code report}, and this one. Each imports only packages below it.
 */
package org.deepjunit;
