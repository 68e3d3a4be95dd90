package org.deepjunit.model;

import java.util.Collection;
import java.util.List;

/** A layer name the model does not have; the message lists the names it has. */
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
