/**
 * Neuron coverage without JUnit: the criteria (DeepXplore's NC; DeepGauge's KMNC, NBC, SNAC, TKNC, TKNP),
 * {@link org.deepjunit.coverage.CoverageRule}s and their gates, the recorder a test's forward passes reach,
 * mergeable coverage data and its JSON data file, DeepGauge profiles and their cache, and the run's merge across
 * JVMs. Wired by {@code @NeuronCoverage}; rendered by {@link org.deepjunit.report}.
 */
package org.deepjunit.coverage;
