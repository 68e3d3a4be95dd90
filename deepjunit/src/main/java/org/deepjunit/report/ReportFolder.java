package org.deepjunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.deepjunit.data.FolderLock;

/**
 * Replaces a report folder as a whole so that a kill at any moment leaves a complete report, old or new, or a state
 * that {@link #recover} turns into one.
 *
 * <p>Every file of the new report (pages, data file, hard links to the saved inputs of {@code generated/} and
 * {@code inputs/}) is written into {@code .<name>.new-*} beside the folder, then a marker {@value #COMPLETE} last.
 * The swap is two renames: the folder to {@code .<name>.old-*}, the new one to the folder. Then the old one's saved
 * inputs that the new one lacks (saved meanwhile) are moved over and the old one is deleted. Recovery, run under the
 * same lock at the start of the next run and before every replacement: with no folder, the newest complete
 * {@code .new-*} is moved in (else the newest {@code .old-*} back); every other {@code .new-*}/{@code .old-*} gives
 * the folder the saved inputs only it holds and is deleted.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportFolder {

    /** The marker written last into a new report: its presence means every other file is there. */
    public static final String COMPLETE = ".deepjunit-complete";

    private static final Set<Path> PREPARED = ConcurrentHashMap.newKeySet();

    private ReportFolder() {}

    /** Writes the files of a report into an empty folder. */
    @FunctionalInterface
    public interface Renderer {
        void render(Path into) throws IOException;
    }

    /**
     * Renders into a new folder beside {@code dir} and swaps it in. If rendering fails, {@code dir} is not touched.
     *
     * @throws ReportWriteException when the folder cannot be written (a file, read-only, no parent)
     */
    public static void replace(Path dir, Renderer renderer) throws IOException {
        Path target = check(dir);
        FolderLock.locked(target, () -> {
            recoverLocked(target);
            swapIn(target, render(target, renderer));
            return null;
        });
    }

    private static Path render(Path target, Renderer renderer) throws IOException {
        Path fresh = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".new-");
        try {
            renderer.render(fresh);
            if (Files.isDirectory(target)) {
                SavedFolders.linkInto(target, fresh);
            }
            Files.createFile(fresh.resolve(COMPLETE));
            HaltPoints.reach(HaltPoints.BEFORE_SWAP);
            return fresh;
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(fresh, e);
            throw e;
        }
    }

    private static void swapIn(Path target, Path fresh) throws IOException {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = target.resolveSibling(fresh.getFileName().toString().replace(".new-", ".old-"));
                move(target, old);
            }
            HaltPoints.reach(HaltPoints.MID_SWAP);
            move(fresh, target);
            HaltPoints.reach(HaltPoints.AFTER_SWAP);
        } catch (IOException | RuntimeException e) {
            if (old != null && !Files.exists(target) && Files.exists(old)) {
                try {
                    move(old, target); // put the previous report back
                    old = null;
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            deleteQuietly(fresh, e);
            throw e;
        }
        if (old != null) {
            SavedFolders.mergeInto(old, target);
            deleteTree(old);
        }
    }

    /** Resolves what an interrupted replacement of {@code dir} left beside it; see the class comment. */
    public static void recover(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (target.getParent() == null
                || !Files.isDirectory(target.getParent())
                || orphans(target).isEmpty()) {
            return; // nothing to recover: take no lock, create no lock file
        }
        FolderLock.locked(target, () -> {
            recoverLocked(target);
            return null;
        });
    }

    /**
     * Once per folder and JVM, at the start of a run: {@link #check} the folder can be written, then {@link #recover}
     * it. A failure is not remembered: every later call fails again.
     *
     * @throws ReportWriteException naming the folder, the cause and the fix
     */
    public static void prepareOnce(Path dir) throws ReportWriteException {
        Path target = dir.toAbsolutePath().normalize();
        if (PREPARED.contains(target)) {
            return;
        }
        check(target);
        try {
            recover(target);
        } catch (IOException e) {
            throw new ReportWriteException(
                    target,
                    "an interrupted earlier write cannot be recovered (" + e + ")",
                    "Delete the folders ." + target.getFileName() + ".new-* and .old-* beside it, after copying what "
                            + "you need from their generated/ and inputs/",
                    e);
        }
        PREPARED.add(target);
    }

    private static void recoverLocked(Path target) throws IOException {
        List<Path> orphans = orphans(target);
        if (orphans.isEmpty()) {
            return;
        }
        if (!Files.exists(target)) {
            Path newest = newest(orphans, ".new-", true);
            Path back = newest != null ? newest : newest(orphans, ".old-", false);
            if (back != null) {
                move(back, target);
                orphans.remove(back);
            }
        }
        for (Path orphan : orphans) {
            SavedFolders.mergeInto(orphan, target);
            deleteTree(orphan);
        }
    }

    private static List<Path> orphans(Path target) throws IOException {
        List<Path> found = new ArrayList<>();
        String glob = "." + target.getFileName() + ".{new,old}-*";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent(), glob)) {
            s.forEach(p -> {
                if (Files.isDirectory(p)) {
                    found.add(p);
                }
            });
        }
        return found;
    }

    private static Path newest(List<Path> orphans, String kind, boolean complete) {
        return orphans.stream()
                .filter(p -> p.getFileName().toString().contains(kind))
                .filter(p -> !complete || Files.exists(p.resolve(COMPLETE)))
                .max(Comparator.comparing(ReportFolder::modified))
                .orElse(null);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Checks that a report can be written into {@code dir}, creating its parent folders when missing.
     *
     * @return the folder as an absolute path
     * @throws ReportWriteException naming the folder, the cause and the fix
     */
    public static Path check(Path dir) throws ReportWriteException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String fix = "Set deepjunit.report.dir to a writable folder";
        if (parent == null) {
            throw new ReportWriteException(target, "it is a file-system root", fix, null);
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ReportWriteException(
                    target,
                    "deepjunit.report.dir names a file, not a folder",
                    "Remove the file or set deepjunit.report.dir to a folder",
                    null);
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ReportWriteException(target, "its parent folder cannot be created (" + e + ")", fix, e);
        }
        probe(target, parent, "its parent folder " + parent + " is read-only", fix);
        if (Files.isDirectory(target)) {
            probe(target, target, "the folder is read-only", "Make it writable (chmod u+w) or " + fix.toLowerCase());
        }
        return target;
    }

    /** Writability checked by writing, since permission bits say nothing for root or immutable folders. */
    private static void probe(Path target, Path folder, String cause, String fix) throws ReportWriteException {
        try {
            Files.delete(Files.createTempFile(folder, ".deepjunit-probe-", ".tmp"));
        } catch (IOException e) {
            throw new ReportWriteException(target, cause + " (" + e + ")", fix, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path dir, Throwable cause) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
