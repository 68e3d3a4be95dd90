package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.ModelException;

/** A stage that cannot take what it was given; the message names the stage and what it expects. */
@API(status = EXPERIMENTAL, since = "0.3")
public class StageException extends ModelException {

    private static final long serialVersionUID = 1L;

    public StageException(String stage, String problem) {
        super("Stage '" + stage + "': " + problem);
    }

    public StageException(String stage, String problem, Throwable cause) {
        super("Stage '" + stage + "': " + problem, cause);
    }
}
