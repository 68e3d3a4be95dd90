package org.deepjunit.model.dl4j;

import org.bytedeco.hdf5.global.hdf5;

/**
 * Stops the HDF5 library from printing its error stack to the process's stderr: a corrupt or
 * truncated Keras file already becomes a {@link org.deepjunit.model.ModelLoadException} naming the
 * file, and HDF5's native output (dozens of lines per failure) bypasses Java's streams and the test
 * runner's output capture.
 */
final class Hdf5Diagnostics {

    private static volatile boolean silenced;

    private Hdf5Diagnostics() {}

    static void silence() {
        if (!silenced) {
            synchronized (Hdf5Diagnostics.class) {
                if (!silenced) {
                    hdf5.H5Eset_auto2(hdf5.H5E_DEFAULT, null, null);
                    silenced = true;
                }
            }
        }
    }
}
