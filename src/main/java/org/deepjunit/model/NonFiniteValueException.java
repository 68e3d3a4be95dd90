package org.deepjunit.model;

/** A NaN or infinite value where a model must produce finite numbers. */
public class NonFiniteValueException extends ModelException {

    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }
}
