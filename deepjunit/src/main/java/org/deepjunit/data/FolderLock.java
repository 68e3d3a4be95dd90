package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;

/**
 * One writer at a time in a report folder, across the threads of this JVM and across JVMs (Surefire forks): the
 * report's swap, the recovery of an interrupted swap and every save into {@code generated/} or {@code inputs/} hold
 * it, so that no save lands in a folder that is being moved aside. Reentrant within a thread. The lock file is
 * {@code <reportDir>-data/.lock}, beside the report: the report folder itself is replaced as a whole.
 */
@API(status = INTERNAL, since = "0.1")
public final class FolderLock {

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private FolderLock() {}

    /** Work done under the lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** The file locked for {@code reportDir}. */
    public static Path lockFile(Path reportDir) {
        Path dir = reportDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + "-data").resolve(".lock");
    }

    /** Runs {@code work} holding the lock of {@code reportDir}; creates the lock file's folder when missing. */
    public static <T> T locked(Path reportDir, Work<T> work) throws IOException {
        Path file = lockFile(reportDir);
        ReentrantLock lock = LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.run(); // this thread holds the file lock already (FileLock is per JVM, not per thread)
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link #locked} for work that throws no checked exception; an {@link IOException} of the lock is unchecked. */
    public static void lockedUnchecked(Path reportDir, Runnable work) {
        try {
            locked(reportDir, () -> {
                work.run();
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the report folder " + reportDir + ": " + e.getMessage(), e);
        }
    }
}
