package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A problem with a model or with what was asked of it; the message says what was expected. */
@API(status = STABLE, since = "0.1")
public class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
