/**
 * Neuron coverage without JUnit: the criteria (DeepXplore's NC; DeepGauge's KMNC, NBC, SNAC, TKNC,
 * TKNP), mergeable coverage data and its JSON data file, DeepGauge profiles and their cache, gates,
 * and the translation into the report model. Used by {@link org.deepjunit.NeuronCoverage}'s
 * extension; not meant to be called from tests directly.
 */
package org.deepjunit.coverage;
