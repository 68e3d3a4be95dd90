/**
 * Pipelines, not models: named stages around a model (decode, resize, normalise, infer, softmax, label map), whose
 * tensor part is itself a {@link org.deepjunit.model.Model} that DeepJUnit observes, covers, generates inputs for
 * and compares; differentiable stages carry their vector–Jacobian products so that gradients reach raw inputs.
 */
package org.deepjunit.pipeline;
