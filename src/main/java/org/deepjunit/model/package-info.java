/**
 * The framework-neutral model SPI behind {@link org.deepjunit.model.Model}: layers and their kinds,
 * activations, linear objectives for input gradients, neuron values, the exceptions every adapter
 * throws, {@link org.deepjunit.model.ObservedModel}, the base of every model DeepJUnit observes,
 * and {@link org.deepjunit.model.ForwardListeners}, through which DeepJUnit's extensions see every
 * forward pass a test makes. {@link org.deepjunit.model.ModelChecks} and
 * {@link org.deepjunit.model.Fingerprints} are for adapter implementers.
 */
package org.deepjunit.model;
