/**
 * The framework-neutral model SPI behind {@link org.deepjunit.Model}: layers and their kinds,
 * activations, linear objectives for input gradients, neuron values, the exceptions every adapter
 * throws, and {@link org.deepjunit.model.ForwardListeners}, through which DeepJUnit's extensions
 * see every forward pass a test makes. {@link org.deepjunit.model.ModelChecks} and
 * {@link org.deepjunit.model.Fingerprints} are for adapter implementers.
 */
package org.deepjunit.model;
