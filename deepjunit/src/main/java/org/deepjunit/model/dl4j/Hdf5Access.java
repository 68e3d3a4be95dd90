package org.deepjunit.model.dl4j;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.bytedeco.hdf5.IdComponent;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.PointerScope;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * The one way DeepJUnit touches HDF5, whose native library is not thread-safe: under DL4J's own lock
 * ({@link Hdf5Archive#LOCK_OBJECT}, which every {@code Hdf5Archive} call takes), inside a {@link PointerScope} of
 * HDF5 objects, so that every HDF5 object opened in the work is closed before the lock is released. That includes
 * the groups and datasets DL4J's importer leaves open when a corrupt file makes it throw: left to the garbage
 * collector, such an object is closed later on JavaCPP's deallocator thread while another thread is inside HDF5,
 * which crashed the JVM ("double free or corruption", SIGSEGV in {@code libhdf5.so}) in the library's parallel DL4J
 * tests, and within two seconds when one thread keeps failing reads while another reads ({@code Hdf5AccessTest}).
 * Only HDF5 objects join the scope: the ND4J arrays an import creates outlive it.
 *
 * <p>The first work also stops HDF5 from printing its error stack to the process's stderr: a corrupt or truncated
 * file already becomes an exception naming the file, and HDF5's native output (dozens of lines per failure)
 * bypasses Java's streams and the test runner's output capture.
 *
 * <p>HDF5 code of one's own that may run beside DeepJUnit's imports (parallel tests) belongs in it too:
 *
 * <pre>{@code
 * ComputationGraph graph = Hdf5Access.locked(() ->
 *         KerasModelImport.importKerasModelAndWeights("model.json", "weights.h5", false));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Hdf5Access {

    /** Work on HDF5 files. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Guarded by the lock. */
    private static boolean silenced;

    private Hdf5Access() {}

    /** Runs {@code work} holding the HDF5 lock, closing every HDF5 object it opened before returning or throwing. */
    public static <T, E extends Exception> T locked(Work<T, E> work) throws E {
        // reading LOCK_OBJECT initialises Hdf5Archive, whose static HDF5 type must not join the scope
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            if (!silenced) {
                hdf5.H5Eset_auto2(hdf5.H5E_DEFAULT, null, null);
                silenced = true;
            }
            try (PointerScope ignored = new PointerScope(IdComponent.class)) {
                return work.run();
            }
        }
    }
}
