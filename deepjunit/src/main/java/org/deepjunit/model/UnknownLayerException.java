package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/** A layer name the model does not have; the message lists the names it has. */
@API(status = STABLE, since = "0.1")
public class UnknownLayerException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final String layerName;

    public UnknownLayerException(String layerName, Collection<String> known) {
        super("Unknown layer '" + layerName + "'; the model has layers " + List.copyOf(known));
        this.layerName = layerName;
    }

    public String layerName() {
        return layerName;
    }
}
