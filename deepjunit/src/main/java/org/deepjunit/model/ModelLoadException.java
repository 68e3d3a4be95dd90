package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A model file or directory that cannot be read: missing, truncated, corrupt, or lacking a signature. */
@API(status = STABLE, since = "0.1")
public class ModelLoadException extends ModelException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
