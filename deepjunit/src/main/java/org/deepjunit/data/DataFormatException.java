package org.deepjunit.data;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A data file that cannot be read as what it claims to be; the message names the file and the problem. */
@API(status = STABLE, since = "0.1")
public class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
