package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.deepjunit.data.FolderLock;

/**
 * This JVM's share of a test run's coverage, per report directory, and the end-of-run work: write this JVM's data
 * file {@code <reportDir>-data/<runId>-<jvmId>.json}, merge the data files of the same run (other Surefire forks),
 * render the report into the report directory and print one summary line per model.
 *
 * <p>The run is identified by the build tool process that started the JVM (Maven's or Gradle's PID and start
 * time, found among the JVM's ancestors, so Surefire forks share it), else by this JVM itself; the system property
 * {@value #RUN_ID_PROPERTY} overrides it. Data files of other runs are deleted when a run first writes its own.
 * The report directory is replaced as a whole by each render, so the data files and profiles live next to it
 * ({@code <reportDir>-data}, {@code <reportDir>-profiles}), not inside; the merged data file goes into the report
 * with the rest of it, before the swap. A report folder whose parent does not exist yet gets it created.
 */
@API(status = INTERNAL, since = "0.1")
public final class CoverageRun {

    public static final String RUN_ID_PROPERTY = "deepjunit.coverage.run.id";
    /** The merged data file inside the report directory. */
    public static final String DATA_FILE = "deepjunit-coverage.json";

    private static final Map<Path, CoverageRun> RUNS = new ConcurrentHashMap<>();
    private static final String JVM_ID = ProcessHandle.current().pid() + "-"
            + ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(Instant::toEpochMilli)
                    .orElse(0L);
    private static volatile String runId;

    private final Path reportDir;
    private final CoverageData data = new CoverageData();
    private volatile Double configuredThreshold;
    private volatile Boolean configuredScaled;
    private volatile boolean cleaned;
    /**
     * Whether the report's parent folder existed when the run began: a missing parent is created (a report folder
     * configured in a folder not made yet), but one removed during the run (a test's temporary folder) is not
     * brought back.
     */
    private final boolean parentExisted;

    private CoverageRun(Path reportDir) {
        this.reportDir = reportDir;
        this.parentExisted = Files.isDirectory(reportDir.getParent());
    }

    /** The JVM's run coverage for a report directory. */
    public static CoverageRun of(Path reportDir) {
        return RUNS.computeIfAbsent(reportDir.toAbsolutePath().normalize(), CoverageRun::new);
    }

    /** Whether any coverage was recorded in this JVM. */
    public static boolean active() {
        return RUNS.values().stream().anyMatch(r -> !r.data.isEmpty());
    }

    public CoverageData data() {
        return data;
    }

    public Path reportDir() {
        return reportDir;
    }

    /** Remembers the run's configured NC judgement (configuration parameters, not annotations) for the report. */
    public void configured(Optional<Double> threshold, Optional<Boolean> scaled) {
        threshold.ifPresent(t -> configuredThreshold = t);
        scaled.ifPresent(s -> configuredScaled = s);
    }

    public static Path dataDir(Path reportDir) {
        return reportDir.resolveSibling(reportDir.getFileName() + "-data");
    }

    public static Path profileDir(Path reportDir) {
        return reportDir.resolveSibling(reportDir.getFileName() + "-profiles");
    }

    /** The run's id: see the class comment. */
    public static String runId() {
        String id = runId;
        if (id == null) {
            id = System.getProperty(RUN_ID_PROPERTY);
            if (id == null || id.isBlank()) {
                ProcessHandle owner = buildToolAncestor().orElse(ProcessHandle.current());
                id = "run-" + owner.pid() + "-"
                        + owner.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            }
            runId = org.deepjunit.data.SafeFileNames.of(id);
        }
        return runId;
    }

    private static Optional<ProcessHandle> buildToolAncestor() {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; depth < 4 && p.isPresent(); depth++) {
            String cmd = p.get().info().commandLine().orElse("");
            if (cmd.contains("plexus-classworlds")
                    || cmd.contains("org.codehaus.plexus.classworlds")
                    || cmd.contains("GradleWorkerMain")
                    || cmd.contains("org.gradle.")) {
                return p;
            }
            p = p.get().parent();
        }
        return Optional.empty();
    }

    /** This JVM's id in data file names: its PID and start time. */
    public static String jvmId() {
        return JVM_ID;
    }

    /** This JVM's data file for the run. */
    public Path jvmDataFile() {
        return dataDir(reportDir).resolve(runId() + "-" + JVM_ID + ".json");
    }

    /** Writes this JVM's data file (cumulative for the run so far); nothing when no coverage was recorded. */
    public synchronized void writeJvmData() throws IOException {
        if (data.isEmpty() || removed()) {
            return;
        }
        Path dir = dataDir(reportDir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(
                    "this JVM's data folder " + dir + " cannot be created (" + e
                            + "); make its parent writable or set deepjunit.report.dir to a writable folder",
                    e);
        }
        if (!cleaned) {
            cleaned = true;
            deleteOtherRuns(dir);
        }
        data.write(jvmDataFile());
    }

    /** Deletes the data files ({@code *.json}) in {@code dir} that other runs wrote. */
    public static void deleteOtherRuns(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(runId() + "-")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Whether the report's parent folder was there when the run began and has been removed since. */
    private boolean removed() {
        return parentExisted && !Files.isDirectory(reportDir.getParent());
    }

    /** Renders a run's merged coverage into a report directory (replacing it) and returns the summary lines. */
    @FunctionalInterface
    public interface Renderer {
        /**
         * @param configuredThreshold the NC threshold configured for the run (not by annotations), or null
         * @param configuredScaled    the NC scaling configured for the run, or null
         */
        List<String> render(CoverageData merged, Path reportDir, Double configuredThreshold, Boolean configuredScaled)
                throws IOException;
    }

    /**
     * Writes this JVM's data, then, holding the report folder's lock ({@link FolderLock}), merges all data files of
     * the run and renders the report with the merged data file in it. The JVM that renders last saw every data file
     * written before it took the lock.
     *
     * @return the summary lines, empty when there was nothing to render
     */
    public synchronized List<String> writeAndRender(Renderer renderer) throws IOException {
        writeJvmData();
        Path dir = dataDir(reportDir);
        if (removed() || !Files.isDirectory(dir)) {
            return List.of();
        }
        return FolderLock.locked(reportDir, () -> {
            CoverageData merged = mergeRun(dir, runId());
            if (merged.isEmpty()) {
                return List.of();
            }
            return renderer.render(merged, reportDir, configuredThreshold, configuredScaled);
        });
    }

    /** Merges every data file {@code <runId>-*.json} in {@code dir}. */
    public static CoverageData mergeRun(Path dir, String runId) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, runId + "-*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return CoverageData.readAll(files, " of this run (this JVM's or another Surefire fork's)");
    }

    /**
     * End of the tests of this JVM: every run directory of this JVM is written and rendered; summaries go to
     * {@code out}.
     *
     * @return the reports that could not be written, each naming its folder and cause; empty when all were
     */
    public static List<Failure> finishAll(PrintStream out, Renderer renderer) {
        List<Failure> failures = new ArrayList<>();
        for (CoverageRun run : RUNS.values()) {
            if (run.data.isEmpty()) {
                continue;
            }
            try {
                for (String line : run.writeAndRender(renderer)) {
                    out.println(line);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(run.reportDir, e));
            }
        }
        return failures;
    }

    /** A report that could not be written. */
    public record Failure(Path reportDir, Exception cause) {
        /** A block for the console, naming the folder, the cause and what to do. */
        public String describe() {
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            String rule = "=".repeat(100);
            return rule + "\nDeepJUnit: the neuron-coverage report was NOT written\n  folder: " + reportDir
                    + "\n  cause:  " + message + "\n" + rule;
        }
    }
}
