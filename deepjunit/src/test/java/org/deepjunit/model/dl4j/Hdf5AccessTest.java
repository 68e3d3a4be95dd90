package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.deepjunit.testing.DeepXploreModels;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 from two threads at once, the way parallel tests use it: one thread keeps failing to read a 6-D dataset, on
 * which DL4J's {@code Hdf5Archive} throws with the dataset and its dataspace left open, and forces collections; the
 * other keeps reading LeNet-1's weights. With DL4J's per-call lock alone, the garbage collector's deallocation of
 * the objects left open runs inside HDF5 concurrently with the other thread, and this JVM died (SIGSEGV in
 * {@code libhdf5.so}, or "double free or corruption") within two seconds in 4 runs of 4; through
 * {@link Hdf5Access#locked} every run survived. A regression therefore crashes the test JVM.
 */
class Hdf5AccessTest {

    private static final long MILLIS = 3_000;

    @Test
    void hdf5ObjectsLeftOpenByAFailedReadAreClosedUnderTheLock(@TempDir Path dir) throws Exception {
        Path sixD = dir.resolve("six-d.h5");
        KerasHdf5Writer.write(sixD, Map.of("l", Map.of("w:0", new long[] {1, 1, 1, 1, 1, 2})), 1);
        String lenet1 = DeepXploreModels.resource("Model1.h5").toString();
        double[] expected = kernel(lenet1);
        long end = System.currentTimeMillis() + MILLIS;
        AtomicLong failed = new AtomicLong();
        AtomicLong read = new AtomicLong();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Thread failing = new Thread(() -> {
            while (System.currentTimeMillis() < end && unexpected.get() == null) {
                try {
                    Hdf5Access.locked(() -> {
                        try (Hdf5Archive h5 = new Hdf5Archive(sixD.toString())) {
                            return h5.readDataSet("w:0", "l", "l");
                        }
                    });
                    unexpected.set(new AssertionError("a 6-D dataset was read"));
                } catch (UnsupportedKerasConfigurationException e) {
                    if (failed.incrementAndGet() % 50 == 0) {
                        System.gc(); // queues the objects a read without the scope would have left open
                    }
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            }
        });
        Thread reading = new Thread(() -> {
            while (System.currentTimeMillis() < end && unexpected.get() == null) {
                try {
                    if (!java.util.Arrays.equals(kernel(lenet1), expected)) {
                        unexpected.set(new AssertionError("LeNet-1's kernel read differently"));
                    }
                    read.incrementAndGet();
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            }
        });
        failing.start();
        reading.start();
        failing.join();
        reading.join();

        assertThat(unexpected.get()).isNull();
        assertThat(failed.get()).isGreaterThan(50);
        assertThat(read.get()).isGreaterThan(50);
    }

    @Test
    void theWorksExceptionPropagatesAndTheLockIsReleased() throws Exception {
        assertThatThrownBy(() -> Hdf5Access.locked(() -> {
                    throw new java.io.IOException("no such file");
                }))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("no such file");
        Thread other = new Thread(() -> Hdf5Access.locked(() -> null));
        other.start();
        other.join(10_000);
        assertThat(other.isAlive())
                .as("another thread still waits for the HDF5 lock")
                .isFalse();
    }

    private static double[] kernel(String weights) throws Exception {
        return Hdf5Access.locked(() -> {
            try (Hdf5Archive h5 = new Hdf5Archive(weights)) {
                return h5.readDataSet("kernel:0", "block1_conv1", "block1_conv1")
                        .dup('c')
                        .data()
                        .asDouble();
            }
        });
    }
}
