package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** A report that could not be written: the folder, what went wrong and what to do. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportWriteException extends IOException {

    private final transient Path folder;

    public ReportWriteException(Path folder, String cause, String fix, Throwable e) {
        super("DeepJUnit cannot write the report folder " + folder + ": " + cause + ". " + fix, e);
        this.folder = folder;
    }

    /** The report folder that was not written. */
    public Path folder() {
        return folder;
    }
}
