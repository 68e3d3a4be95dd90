package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * This JVM's share of a test run's coverage, per report directory, and the end-of-run work: write this JVM's data
 * file {@code <reportDir>-data/<runId>-<jvmId>.json}, merge the data files of the same run (other Surefire forks),
 * render the report into the report directory and print one summary line per model.
 *
 * <p>The run is identified by the build tool process that started the JVM (Maven's or Gradle's PID and start
 * time, found among the JVM's ancestors, so Surefire forks share it), else by this JVM itself; the system property
 * {@value #RUN_ID_PROPERTY} overrides it. Data files of other runs are deleted when a run first writes its own.
 * The report directory is replaced as a whole by each render, so the data files and profiles live next to it
 * ({@code <reportDir>-data}, {@code <reportDir>-profiles}), not inside.
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

    private CoverageRun(Path reportDir) {
        this.reportDir = reportDir;
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
            runId = id.replaceAll("[^A-Za-z0-9._-]", "_");
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

    /** This JVM's data file for the run. */
    public Path jvmDataFile() {
        return dataDir(reportDir).resolve(runId() + "-" + JVM_ID + ".json");
    }

    /** Writes this JVM's data file (cumulative for the run so far); nothing when no coverage was recorded. */
    public synchronized void writeJvmData() throws IOException {
        if (data.isEmpty() || !Files.isDirectory(reportDir.getParent())) {
            return; // nothing recorded, or the report's parent directory was removed (a test's temporary directory)
        }
        Path dir = dataDir(reportDir);
        Files.createDirectories(dir);
        if (!cleaned) {
            cleaned = true;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    if (!f.getFileName().toString().startsWith(runId() + "-")) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        data.write(jvmDataFile());
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
     * Writes this JVM's data, then, holding a lock on the data directory, merges all data files of the run, renders
     * the report and writes the merged data file into it. The JVM that renders last saw every data file written
     * before it took the lock.
     *
     * @return the summary lines, empty when there was nothing to render
     */
    public synchronized List<String> writeAndRender(Renderer renderer) throws IOException {
        writeJvmData();
        Path dir = dataDir(reportDir);
        if (!Files.isDirectory(reportDir.getParent()) || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (FileChannel channel =
                        FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            CoverageData merged = mergeRun(dir, runId());
            if (merged.isEmpty()) {
                return List.of();
            }
            List<String> summary = renderer.render(merged, reportDir, configuredThreshold, configuredScaled);
            merged.write(reportDir.resolve(DATA_FILE));
            return summary;
        }
    }

    /** Merges every data file {@code <runId>-*.json} in {@code dir}. */
    public static CoverageData mergeRun(Path dir, String runId) throws IOException {
        CoverageData merged = new CoverageData();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, runId + "-*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            merged.merge(CoverageData.read(f));
        }
        return merged;
    }

    /** End of a test plan: every run directory of this JVM is written and rendered; summaries go to {@code out}. */
    public static void finishAll(PrintStream out, Renderer renderer) {
        for (CoverageRun run : RUNS.values()) {
            if (run.data.isEmpty()) {
                continue;
            }
            try {
                for (String line : run.writeAndRender(renderer)) {
                    out.println(line);
                }
            } catch (IOException | RuntimeException e) {
                out.println("DeepJUnit coverage: could not write the report into " + run.reportDir + ": " + e);
            }
        }
    }
}
