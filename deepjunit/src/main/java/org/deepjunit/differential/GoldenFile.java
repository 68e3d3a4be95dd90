package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.model.ModelFiles;

/**
 * The approved and received files of one test method (and variant) during one run, shared by
 * all its invocations and threads; every method is atomic with respect to the others.
 *
 * <ul>
 *   <li>Opened with {@code approve = true}, an existing {@code .received.json} first replaces the
 *       {@code .approved.json} (the bulk "approve everything" switch).</li>
 *   <li>{@link #recordFailures} writes the {@code .received.json}: every approved record, updated
 *       and extended by this run's failures, so that renaming it approves the lot.</li>
 *   <li>{@link #passed} deletes a {@code .received.json} left over when nothing failed in this run.</li>
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public final class GoldenFile {

    private final Path approvedPath;
    private final Path receivedPath;
    private final Path legacyPath;
    private final Map<String, ApprovedVerdict> approved;
    private final boolean promoted;
    private TreeMap<String, ApprovedVerdict> received;
    private boolean rechecked;
    private boolean legacyNoticed;

    private GoldenFile(Path approvedPath, Path receivedPath, Path legacyPath, boolean promoted) {
        this.approvedPath = approvedPath;
        this.receivedPath = receivedPath;
        this.legacyPath = legacyPath;
        this.promoted = promoted;
        this.approved = ApprovedFile.read(legacyPath != null ? legacyPath : approvedPath).records().stream()
                .collect(Collectors.toMap(ApprovedVerdict::id, Function.identity(), (a, b) -> b, TreeMap::new));
    }

    /**
     * Opens {@code <dir>/<baseName>.approved.json}; with {@code approve}, a {@code .received.json}
     * beside it is first renamed over it. When that file does not exist, a legacy
     * {@code <legacyBaseName>.approved.json} is read instead, but only if it records {@code test} as its test: a
     * legacy name may be shared by classes of the same simple name.
     */
    public static GoldenFile open(Path dir, String baseName, String legacyBaseName, String test, boolean approve) {
        Path approvedPath = dir.resolve(baseName + ".approved.json");
        Path receivedPath = dir.resolve(baseName + ".received.json");
        boolean promoted = false;
        if (approve && Files.exists(receivedPath)) {
            try {
                Files.createDirectories(dir);
                AtomicFiles.move(receivedPath, approvedPath);
                promoted = true;
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalStateException("Cannot approve " + receivedPath + ": " + e, e);
            }
        }
        Path legacy = dir.resolve(legacyBaseName + ".approved.json");
        boolean useLegacy = !Files.exists(approvedPath)
                && !legacy.equals(approvedPath)
                && Files.exists(legacy)
                && test.equals(ApprovedFile.read(legacy).test());
        return new GoldenFile(approvedPath, receivedPath, useLegacy ? legacy : null, promoted);
    }

    /**
     * Once per file: when approved verdicts came from a legacy file, what to rename. Received files always get the
     * new name, so approving a received file also migrates.
     */
    public synchronized Optional<String> claimLegacyNotice() {
        if (legacyPath == null || legacyNoticed) {
            return Optional.empty();
        }
        legacyNoticed = true;
        return Optional.of("approved verdicts read from " + legacyPath.getFileName() + ", a name without the package "
                + "that classes of the same simple name would share: rename it to " + approvedPath.getFileName());
    }

    /**
     * Checks every verdict's {@code correct} class against the models' number of outputs: a class that does not
     * exist (a typo such as 99 on a 10-class model) would fail every run with a puzzling deviation.
     */
    public synchronized void checkClasses(int outputs) {
        for (ApprovedVerdict v : approved.values()) {
            if (v.correct() != null && v.correct() >= outputs) {
                throw new IllegalStateException("Approved verdicts "
                        + (legacyPath != null ? legacyPath : approvedPath) + ", record id " + v.id()
                        + ": \"correct\" is " + v.correct() + ", but the models have " + outputs
                        + " outputs (classes 0 to " + (outputs - 1) + "). Fix the record");
            }
        }
    }

    public Path approvedPath() {
        return approvedPath;
    }

    public Path receivedPath() {
        return receivedPath;
    }

    /** Whether opening this file approved a received file. */
    public boolean promoted() {
        return promoted;
    }

    public synchronized Optional<ApprovedVerdict> approved(String id) {
        return Optional.ofNullable(approved.get(id));
    }

    public synchronized List<ApprovedVerdict> approvedRecords() {
        return List.copyOf(approved.values());
    }

    /**
     * Adds this invocation's failing records (new disagreements, or approved inputs a model now
     * answers differently) and rewrites the received file.
     */
    public synchronized void recordFailures(
            String test,
            String modelUnderTest,
            ModelFiles modelUnderTestFiles,
            String reference,
            ModelFiles referenceFiles,
            Collection<ApprovedVerdict> failures) {
        if (received == null) {
            received = new TreeMap<>(approved);
        }
        for (ApprovedVerdict v : failures) {
            received.put(v.id(), v);
        }
        ApprovedFile.of(test, modelUnderTest, modelUnderTestFiles, reference, referenceFiles, received.values())
                .write(receivedPath);
    }

    /** Called after an invocation that found nothing wrong: deletes a stale received file unless this run failed. */
    public synchronized void passed() {
        if (received == null) {
            try {
                Files.deleteIfExists(receivedPath);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot delete " + receivedPath + ": " + e, e);
            }
        }
    }

    /** True once per run: the caller re-checks every approved input. */
    public synchronized boolean claimRecheck() {
        if (rechecked) {
            return false;
        }
        rechecked = true;
        return true;
    }
}
