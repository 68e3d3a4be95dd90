package org.deepjunit.model.onnx;

import org.deepjunit.model.ModelException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;

/** Where an {@link OnnxModel}'s input gradients come from. */
interface GradientSource extends AutoCloseable {

    Tensor inputGradient(OnnxModel model, Tensor inputs, Objective objective);

    /** One line for reports: the source and, for an estimate, its cost and accuracy. */
    String describe();

    @Override
    default void close() {}

    /** No source declared: gradients are refused, saying how to declare one. */
    GradientSource NONE = new GradientSource() {
        @Override
        public Tensor inputGradient(OnnxModel model, Tensor inputs, Objective objective) {
            throw new ModelException("Model '" + model.name() + "' runs on ONNX Runtime, whose Java build computes"
                    + " no input gradients. Declare a gradient source: OnnxModel.builder(file).gradientsFrom(twin)"
                    + " with a TensorFlow or DL4J model holding the same weights, or .estimatedGradients("
                    + "GradientEstimate.finiteDifferences()) to estimate them from the model's outputs (slower, see"
                    + " README \"ONNX models\")");
        }

        @Override
        public String describe() {
            return "none (ONNX Runtime computes no gradients)";
        }
    };
}
