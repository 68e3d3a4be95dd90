package org.deepjunit.quality.history;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The {@link HistoryStore} cannot open, read or write its database. The message names the database (file or JDBC
 * URL without its password), the cause and the fix; earlier rows are never lost by the failure.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its message only. */
    public HistoryException(String message) {
        super(message);
    }

    /** A failure with its message and the underlying exception. */
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
