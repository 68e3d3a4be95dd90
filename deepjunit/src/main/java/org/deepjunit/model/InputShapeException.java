package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** An input whose shape does not fit the model; the message gives both shapes. */
@API(status = STABLE, since = "0.1")
public class InputShapeException extends ModelException {

    private static final long serialVersionUID = 1L;

    public InputShapeException(String modelName, Shape given, Shape expectedPerSample) {
        super("Input of shape " + given + " does not fit model '" + modelName + "': expected [batch, "
                + expectedPerSample.toString().substring(1)
                + (expectedPerSample.accepts(given) ? " (add the batch dimension first)" : ""));
    }
}
