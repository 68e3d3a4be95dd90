package org.deepjunit.model;


/**
 * One observed forward pass.
 *
 * @param model        the model that ran
 * @param inputs       its inputs, as the caller passed them
 * @param output       the model's output for them
 * @param neuronValues every layer's neuron values (all layers but the input), or {@code null}
 *                     when no bound listener {@linkplain ForwardListener#wantsNeuronValues() wants} them
 */
public record ForwardEvent(Model model, Tensor inputs, Tensor output, NeuronValues neuronValues) {
}
