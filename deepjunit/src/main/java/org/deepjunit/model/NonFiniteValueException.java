package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A NaN or infinite value where a model must produce finite numbers. */
@API(status = STABLE, since = "0.1")
public class NonFiniteValueException extends ModelException {

    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }
}
