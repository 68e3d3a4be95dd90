package org.deepjunit.model.tensorflow;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * What a model's output is, as found in its graph.
 *
 * @param probabilities whether the output is probabilities (a softmax of the logits) rather than the logits
 * @param logits        the logits: the output, the input of its final Softmax, or the log of the output
 * @param functionCall  the function-call op the output comes through, or null when every op is in the top-level graph
 * @param logitsHidden  why logits are out of reach (softmax hidden inside a function), or null when they are known
 */
record TfOutput(boolean probabilities, Output<?> logits, String functionCall, String logitsHidden) {

    /** @param probabilitiesSetting as set with the builder, or null to detect it (a final Softmax op) */
    static TfOutput of(Graph graph, Output<?> input, Output<?> output, Boolean probabilitiesSetting) {
        Output<?> softmaxInput = TfGraphs.logitsOf(output);
        boolean probabilities = probabilitiesSetting != null ? probabilitiesSetting : softmaxInput != output;
        Output<?> logits =
                !probabilities ? output : softmaxInput != output ? softmaxInput : TfGraphs.logOf(graph, output);
        GraphOperation call = GraphLayers.functionCall(input, output);
        return new TfOutput(
                probabilities,
                logits,
                call == null ? null : call.name(),
                call == null ? null : FunctionOutputs.logitsHiddenReason(graph, output, call));
    }
}
