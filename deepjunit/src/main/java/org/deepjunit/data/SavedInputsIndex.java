package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Writes the {@code index.html} of a folder of saved inputs. An interface here, implemented in the report package and
 * registered in {@code META-INF/services}, so that {@link SavedInputs#writeIndex}, a stable entry point, delegates to
 * the report's rendering without this package, which the report package reads, depending on it back.
 */
@API(status = INTERNAL, since = "0.6")
public interface SavedInputsIndex {

    /** Rewrites {@code <dir>/index.html} from the saved inputs' JSON files in {@code dir} and below. */
    void write(Path dir, String title, String description);
}
