package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The outputs of a forward pass: each requested layer's output for the whole batch
 * ({@code [batch, ...layer.outputShape()]}, channels-last), in model order, and the model's output.
 */
@API(status = STABLE, since = "0.1")
public final class Activations {

    private final Map<String, Tensor> byLayer;
    private final Tensor output;

    public Activations(Map<String, Tensor> byLayer, Tensor output) {
        this.byLayer = Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
        this.output = output;
    }

    /** The output of the named layer; throws {@link UnknownLayerException} if it was not computed. */
    public Tensor layer(String name) {
        Tensor t = byLayer.get(name);
        if (t == null) {
            throw new UnknownLayerException(name, byLayer.keySet());
        }
        return t;
    }

    /** The names of the layers held, in model order. */
    public Set<String> layerNames() {
        return byLayer.keySet();
    }

    /** Every layer's output, in model order. */
    public Map<String, Tensor> asMap() {
        return byLayer;
    }

    /** The model's final output, as {@code Model.predict} returns it. */
    public Tensor output() {
        return output;
    }
}
