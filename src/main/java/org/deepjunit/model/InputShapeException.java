package org.deepjunit.model;


/** An input whose shape does not fit the model; the message gives both shapes. */
public class InputShapeException extends ModelException {

    private static final long serialVersionUID = 1L;

    public InputShapeException(String modelName, Shape given, Shape expectedPerSample) {
        super("Input of shape " + given + " does not fit model '" + modelName + "': expected [batch, "
                + expectedPerSample.toString().substring(1)
                + (given.rank() == expectedPerSample.rank() ? " (add the batch dimension first)" : ""));
    }
}
