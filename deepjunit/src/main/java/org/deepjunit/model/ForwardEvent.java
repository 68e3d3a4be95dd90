package org.deepjunit.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One observed forward pass.
 *
 * @param model        the model that ran
 * @param inputs       its inputs, as the caller passed them
 * @param output       the model's output for them
 * @param neuronValues every layer's neuron values (all layers but the input), or {@code null}
 *                     when no bound listener {@linkplain ForwardListener#wantsNeuronValues() wants} them
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ForwardEvent(Model model, Tensor inputs, Tensor output, NeuronValues neuronValues) {}
