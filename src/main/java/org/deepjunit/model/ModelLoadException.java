package org.deepjunit.model;

/** A model file or directory that cannot be read: missing, truncated, corrupt, or lacking a signature. */
public class ModelLoadException extends ModelException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
