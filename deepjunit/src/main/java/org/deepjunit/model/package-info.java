/**
 * The bottom package: {@link org.deepjunit.model.Model} and every type in its signature —
 * {@link org.deepjunit.model.Tensor}, {@link org.deepjunit.model.Shape}, {@link org.deepjunit.model.DataType},
 * layers and their kinds, activations, linear objectives for input gradients, neuron values and the exceptions
 * every adapter throws — plus {@link org.deepjunit.model.ObservedModel}, the base of every model DeepJUnit observes
 * (the one place inputs are checked and forward passes reported), and
 * {@link org.deepjunit.model.ForwardListeners}, through which DeepJUnit's extensions see every forward pass a test
 * makes. It imports no other DeepJUnit package. {@link org.deepjunit.model.ModelChecks} is for adapters.
 */
package org.deepjunit.model;
