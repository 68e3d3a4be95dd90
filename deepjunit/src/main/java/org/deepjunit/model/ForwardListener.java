package org.deepjunit.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Sees the forward passes ({@code predict}, {@code activations}) that models make on a thread
 * where it is bound with {@link ForwardListeners#bind}. DeepJUnit's extensions use it to record
 * coverage and to replay inputs on a reference model, whatever code of the test calls the model.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ForwardListener {

    /** Whether events must carry {@link NeuronValues}; computing them costs a little per pass. */
    default boolean wantsNeuronValues() {
        return false;
    }

    /**
     * Called after each forward pass, on the thread that made it. Forward passes made from here
     * (on a reference model, say) are not observed again. An exception thrown here propagates
     * out of the model call.
     */
    void onForward(ForwardEvent event);
}
