package org.deepjunit.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Loads fuzz cases in child JVMs ({@link CorruptModelFuzzWorker}), a batch per JVM: when a child dies or a case
 * outlives the per-case timeout, that case is recorded as CRASH or HANG and a fresh child takes the rest.
 */
final class ChildBatches {

    /** Cases per child: bounds what a long run leaks natively into one JVM. */
    private static final int BATCH = 120;

    /** Extra time for a child's first case: JVM start and ND4J's native libraries. */
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static final String EOF = "\u0000EOF";

    private final Path work;
    private final Duration perCase;

    ChildBatches(Path work, Duration perCase) {
        this.work = work;
        this.perCase = perCase;
    }

    /** Each case's result: "LOADED\t..." or "ERROR\t..." as the worker printed it, or "CRASH ..." or "HANG ...". */
    Map<CorruptModelFuzz.Spec, String> run(List<CorruptModelFuzz.Spec> specs) throws IOException, InterruptedException {
        Map<CorruptModelFuzz.Spec, String> results = new HashMap<>();
        int next = 0;
        while (next < specs.size()) {
            next = batch(specs, next, Math.min(specs.size(), next + BATCH), results);
        }
        return results;
    }

    /** Runs specs[from, to) in one child; returns the index to go on from. */
    private int batch(List<CorruptModelFuzz.Spec> specs, int from, int to, Map<CorruptModelFuzz.Spec, String> results)
            throws IOException, InterruptedException {
        Process child = start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(child, lines), "fuzz-child-reader");
        reader.setDaemon(true);
        reader.start();
        try (Writer in = child.outputWriter(StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                in.write(line(i, specs.get(i)) + "\n");
            }
        } catch (IOException e) {
            // the child died before reading everything: found below
        }
        int i = from;
        Duration wait = perCase.plus(STARTUP);
        while (i < to) {
            String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                results.put(specs.get(i), "HANG after " + wait.toSeconds() + " s");
                child.destroyForcibly().waitFor();
                return i + 1;
            }
            if (line.equals(EOF)) {
                int code = child.waitFor();
                results.put(specs.get(i), "CRASH: the child JVM exited with " + code);
                return i + 1;
            }
            String[] parts = line.split("\t", 3);
            if (parts[1].equals("START")) {
                wait = i == from ? perCase.plus(STARTUP) : perCase;
                continue;
            }
            results.put(specs.get(i), parts[1] + "\t" + parts[2]);
            i++;
        }
        child.waitFor(30, TimeUnit.SECONDS);
        child.destroyForcibly();
        return to;
    }

    private static String line(int index, CorruptModelFuzz.Spec s) {
        StringBuilder b = new StringBuilder()
                .append(index)
                .append('\t')
                .append(s.format().getClass().getName())
                .append('\t')
                .append(s.pin() == null ? "-" : s.pin());
        s.files().forEach(f -> b.append('\t').append(f.toAbsolutePath()));
        return b.toString();
    }

    private static void read(Process child, BlockingQueue<String> lines) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (l.startsWith(CorruptModelFuzzWorker.PREFIX)) {
                    lines.add(l.substring(CorruptModelFuzzWorker.PREFIX.length()));
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
        lines.add(EOF);
    }

    private Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-XX:ErrorFile=" + work.resolve("hs_err_%p.log"),
                "-Dorg.bytedeco.javacpp.maxBytes=2g",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=3g"));
        for (String key : List.of("org.bytedeco.javacpp.cachedir", "org.bytedeco.javacpp.logger")) {
            String value = System.getProperty(key);
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CorruptModelFuzzWorker.class.getName()));
        return new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
