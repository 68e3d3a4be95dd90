package org.deepjunit.coverage;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages write .npy files. */
public final class CoverageHandTestAccess {
    private CoverageHandTestAccess() {}

    public static void writeNpyFloat32(Path file, float[] values, int... shape) throws IOException {
        CoverageHandTest.writeNpyFloat32(file, values, shape);
    }
}
